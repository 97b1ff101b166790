using IncidentBot.Data;

namespace IncidentBot.Telegram.Sending;

/// <summary>Wakes the outbox dispatcher when outbox rows are committed.</summary>
internal sealed class DeliverySignal : WakeSignal;
