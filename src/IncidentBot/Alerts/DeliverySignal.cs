using IncidentBot.Data;

namespace IncidentBot.Alerts;

/// <summary>Wakes the alert dispatcher when delivery rows are committed.</summary>
internal sealed class DeliverySignal : WakeSignal;
