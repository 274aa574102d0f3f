# PowerShell's own parser judges the scripts xpmigrate generates (npm run test:real-tools).
# For every .ps1 in the folder: parse errors with line and column, and the syntax that
# Windows PowerShell 5.1 lacks (added in PowerShell 7), found in the AST. One JSON array out.
param([Parameter(Mandatory)][string]$Folder)
$ErrorActionPreference = 'Stop'

function Get-NewerSyntax($ast) {
  $found = [System.Collections.Generic.List[object]]::new()
  $all = $ast.FindAll({ $true }, $true)
  foreach ($node in $all) {
    $what = $null
    switch ($node.GetType().Name) {
      'TernaryExpressionAst' { $what = 'ternary operator ?: (PowerShell 7)' }
      'PipelineChainAst' { $what = 'pipeline chain operator && or || (PowerShell 7)' }
      'BinaryExpressionAst' {
        if ($node.Operator -eq 'QuestionQuestion') { $what = 'null-coalescing operator ?? (PowerShell 7)' }
      }
      'AssignmentStatementAst' {
        if ($node.Operator -eq 'QuestionQuestionEquals') { $what = 'null-coalescing assignment ??= (PowerShell 7)' }
      }
      { $_ -in 'MemberExpressionAst', 'InvokeMemberExpressionAst', 'IndexExpressionAst' } {
        if ($node.NullConditional) { $what = 'null-conditional access ?. or ?[] (PowerShell 7)' }
      }
      'CommandAst' {
        $name = $node.GetCommandName()
        if ($name -in 'ForEach-Object', 'foreach', '%') {
          foreach ($e in $node.CommandElements) {
            if ($e -is [System.Management.Automation.Language.CommandParameterAst] -and 'Parallel'.StartsWith($e.ParameterName, 'OrdinalIgnoreCase') -and $e.ParameterName.Length -ge 2) {
              $what = 'ForEach-Object -Parallel (PowerShell 7)'
            }
          }
        }
      }
      'NamedBlockAst' {
        if ($node.BlockKind -eq 'Clean') { $what = 'clean block (PowerShell 7.3)' }
      }
    }
    if ($what) { $found.Add([pscustomobject]@{ line = $node.Extent.StartLineNumber; column = $node.Extent.StartColumnNumber; what = $what; text = $node.Extent.Text.Substring(0, [Math]::Min(80, $node.Extent.Text.Length)) }) }
  }
  $found.ToArray()
}

$results = foreach ($file in Get-ChildItem -LiteralPath $Folder -Filter '*.ps1' | Sort-Object Name) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile($file.FullName, [ref]$tokens, [ref]$errors)
  [pscustomobject]@{
    file = $file.Name
    errors = @($errors | ForEach-Object { [pscustomobject]@{ line = $_.Extent.StartLineNumber; column = $_.Extent.StartColumnNumber; message = $_.Message } })
    newer = @(Get-NewerSyntax $ast)
  }
}
ConvertTo-Json -InputObject @($results) -Depth 5 -Compress
