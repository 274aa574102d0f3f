/**
 * The atlas.xml a simulated server starts with. The real layout is not public (DOMAIN.md): this
 * is an assumption in the spirit of the guide's example — UTF-8 with BOM, CRLF, a comment, and
 * one element per database carrying an ADO.NET connection string and `useLogin`.
 */
export const SAMPLE_ATLAS_XML = [
  '\uFEFF<?xml version="1.0" encoding="utf-8"?>',
  '<!-- XPhone Connect Server configuration -->',
  '<Atlas version="9.0">',
  '  <Server name="XPSRV01" port="2231" />',
  '  <Databases>',
  '    <Database name="XPDATA" useLogin="Windows" connectionString="Integrated Security=SSPI;Persist Security Info=False;Initial Catalog=XPDATA;Data Source=(local)\\XPCONNECT" />',
  '    <Database name="XPVDIR" useLogin="Windows" connectionString="Integrated Security=SSPI;Persist Security Info=False;Initial Catalog=XPVDIR;Data Source=(local)\\XPCONNECT" />',
  '    <Database name="XPSTATS" useLogin="Windows" connectionString="Integrated Security=SSPI;Persist Security Info=False;Initial Catalog=XPSTATS;Data Source=(local)\\XPANALYTICS" />',
  '  </Databases>',
  '</Atlas>',
  '',
].join('\r\n');
