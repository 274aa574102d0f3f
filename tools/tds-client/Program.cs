// Logs in with Microsoft.Data.SqlClient (connection string in TDS_CONNECTION) and runs the
// statements given as JSON on stdin — [{ "id", "sql", "params": { "name": "text" } }] — each as
// SqlClient sends it (parameters → sp_executesql RPC; none → a SQL batch). Writes per statement
// the info messages (BACKUP's STATS), the errors with number, state and class, and the result
// sets. A failed login or bad input is one line on stderr and exit 2.
using System.Text.Json;
using Microsoft.Data.SqlClient;

var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
List<Statement> statements;
try
{
    statements = JsonSerializer.Deserialize<List<Statement>>(Console.In.ReadToEnd(), options) ?? [];
}
catch (JsonException e)
{
    Console.Error.WriteLine($"tds-client: input is not JSON: {e.Message}");
    return 2;
}

using var connection = new SqlConnection(Environment.GetEnvironmentVariable("TDS_CONNECTION"));
var infos = new List<Message>();
connection.InfoMessage += (_, e) =>
{
    foreach (SqlError m in e.Errors) infos.Add(new Message(m.Number, m.State, m.Class, m.Message));
};
try
{
    connection.Open();
}
catch (SqlException e)
{
    Console.Error.WriteLine($"tds-client: login failed: [{e.Number}] {e.Message}");
    return 2;
}

var results = new List<Result>();
foreach (var s in statements)
{
    infos.Clear();
    var errors = new List<Message>();
    var sets = new List<ResultSet>();
    using var command = new SqlCommand(s.Sql, connection) { CommandTimeout = 60 };
    foreach (var (name, value) in s.Params ?? [])
        command.Parameters.Add(new SqlParameter("@" + name, System.Data.SqlDbType.NVarChar, -1) { Value = (object?)value ?? DBNull.Value });
    try
    {
        using var reader = command.ExecuteReader();
        do
        {
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var rows = new List<List<string?>>();
            while (reader.Read())
                rows.Add(Enumerable.Range(0, reader.FieldCount)
                    .Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))
                    .ToList());
            if (columns.Count > 0) sets.Add(new ResultSet(columns, rows));
        } while (reader.NextResult());
    }
    catch (SqlException e)
    {
        foreach (SqlError m in e.Errors) errors.Add(new Message(m.Number, m.State, m.Class, m.Message));
    }
    catch (InvalidOperationException e)
    {
        // What SqlClient says of a reply it cannot read ("Internal connection fatal error"): number 0.
        errors.Add(new Message(0, 0, 20, e.Message));
        results.Add(new Result(s.Id, [.. infos], errors, sets));
        break; // the connection is gone
    }
    results.Add(new Result(s.Id, [.. infos], errors, sets));
}
Console.Out.Write(JsonSerializer.Serialize(results, options));
return 0;

record Statement(string Id, string Sql, Dictionary<string, string?>? Params);
record Message(int Number, byte State, byte Class, string Text);
record ResultSet(List<string> Columns, List<List<string?>> Rows);
record Result(string Id, List<Message> Infos, List<Message> Errors, List<ResultSet> ResultSets);
