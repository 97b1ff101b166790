using System.Reflection;
using IncidentBot.Data;
using Xunit.Sdk;

namespace IncidentBot.Tests.Data;

/// <summary>
/// Runs a theory once on each database the bot supports. The test takes the provider's name (a string: test
/// methods are public, the provider enum is internal) and reads it with <see cref="Provider"/>.
/// </summary>
public sealed class BothDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetNames<DatabaseProvider>().Select(name => new object[] { name });

    internal static DatabaseProvider Provider(string name) => Enum.Parse<DatabaseProvider>(name);
}
