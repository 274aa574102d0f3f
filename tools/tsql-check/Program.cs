// Reads batches as JSON on stdin — [{ "id": "...", "version": 2014, "sql": "..." }] — and parses
// each with the parser of that SQL Server version (TSql100Parser for 2008 … TSql160Parser for
// 2022). Writes [{ "id", "version", "errors": [{ "line", "column", "number", "message" }] }].
// A version it does not know, or input that is not such JSON, is one line on stderr and exit 2.
using System.Text.Json;
using Microsoft.SqlServer.TransactSql.ScriptDom;

static TSqlParser ParserFor(int version) => version switch
{
    2008 => new TSql100Parser(true),
    2012 => new TSql110Parser(true),
    2014 => new TSql120Parser(true),
    2016 => new TSql130Parser(true),
    2017 => new TSql140Parser(true),
    2019 => new TSql150Parser(true),
    2022 => new TSql160Parser(true),
    _ => throw new ArgumentException($"unknown SQL Server version {version} (2008, 2012, 2014, 2016, 2017, 2019, 2022)"),
};

try
{
    var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
    var batches = JsonSerializer.Deserialize<List<Batch>>(Console.In.ReadToEnd(), options)
        ?? throw new ArgumentException("no batches");
    var results = batches.Select(b =>
    {
        ParserFor(b.Version).Parse(new StringReader(b.Sql), out IList<ParseError> errors);
        return new Result(b.Id, b.Version, errors.Select(e => new Error(e.Line, e.Column, e.Number, e.Message)).ToList());
    }).ToList();
    Console.Out.Write(JsonSerializer.Serialize(results, options));
    return 0;
}
catch (Exception e) when (e is JsonException or ArgumentException)
{
    Console.Error.WriteLine($"tsql-check: {e.Message}");
    return 2;
}

record Batch(string Id, int Version, string Sql);
record Error(int Line, int Column, int Number, string Message);
record Result(string Id, int Version, List<Error> Errors);
