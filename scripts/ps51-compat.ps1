<#
  Windows PowerShell compatibility check, built on PowerShell's own parser (run it with pwsh 7.x).

  Reads each script with [System.Management.Automation.Language.Parser]::ParseFile and reports, as one JSON
  document on stdout, everything a Windows PowerShell 5.1 machine would reject or run differently:
    - syntax and operators that only PowerShell 6/7 have (ternary, ??, ?., &&, clean blocks, ...);
    - .NET types that .NET Framework 4.x lacks, and PowerShell 6+ type accelerators;
    - commands, named parameters and parameter values that 5.1 does not have, from the command table -CommandsPath
      names: built from the project's reference file ps51-cmdlets.json (Microsoft's 5.1 and Windows Server module
      docs; it lives outside the repository) by scripts/ps51-compat/build-commands.mjs, never committed;
    - abbreviated parameter names and aliases (scripts spell commands and parameters in full).
  Files passed with -Floor3Path (the generated collector script) are also checked against the floor the
  collector states: it runs on PowerShell 3.0 and must still parse under 2.0 so that 2.0 reaches its
  version check. Commands and parameters that came after 3.0 are those of the hand-written table
  scripts/ps51-compat/newer-than-3.0.json (each row cites the Microsoft page that says so).
  The rule table below says where each rule comes from.

  Usage:  node scripts/ps51-compat/build-commands.mjs      (writes .cache/ps51-compat/commands.json), then
          & scripts/ps51-compat.ps1 -CommandsPath .cache/ps51-compat/commands.json -Path a.ps1, b.ps1 [-Floor3Path collector.ps1]
          pwsh -NoProfile -File scripts/ps51-compat.ps1 -CommandsPath ... -ManifestPath files.json   ({ "path": [], "floor3Path": [] })
          pwsh -NoProfile -File scripts/ps51-compat.ps1 -ListRules
  Output: { "files": [ { file, target, parseErrors } ], "findings": [ { file, line, column, rule, severity, message } ],
            "rules": [ { id, scope, severity, since, source } ] }
  Exit status: 0 no error findings, 1 error findings, 2 bad invocation. "info" findings name what could
  not be checked (splatted variables built at run time, computed command names, external programs).
#>
[CmdletBinding()]
param(
    # Scripts for Windows PowerShell 5.1.
    [string[]]$Path = @(),
    # Scripts that must also run on PowerShell 3.0 and parse under 2.0 (the collector script).
    [string[]]$Floor3Path = @(),
    # A JSON file { "path": [...], "floor3Path": [...] }: how to pass many files with pwsh -File.
    [string]$ManifestPath = '',
    # The 5.1 command table, built from ps51-cmdlets.json by scripts/ps51-compat/build-commands.mjs.
    [string]$CommandsPath = '',
    # What PowerShell 4.0-5.1 added (hand-written, with sources): the collector floor's command check.
    [string]$FloorTablePath = (Join-Path -Path $PSScriptRoot -ChildPath 'ps51-compat/newer-than-3.0.json'),
    # Print the rule table only.
    [switch]$ListRules
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$docs51 = 'MicrosoftDocs/PowerShell-Docs reference/5.1/Microsoft.PowerShell.Core/About'
$docs76 = 'MicrosoftDocs/PowerShell-Docs reference/7.6/Microsoft.PowerShell.Core/About'
$whatsNew = 'MicrosoftDocs/PowerShell-Docs reference/docs-conceptual/whats-new/differences-from-windows-powershell.md'

# Every rule: id, which scripts it applies to (all = 5.1 and the collector floor; floor3 = the collector
# only), severity, the version that introduced what the rule rejects, and the source that says so.
$Rules = @(
    @{ id = 'parse-error'; scope = 'all'; severity = 'error'; since = '-'; source = 'PowerShell 7.6 parser: a script 7.6 cannot parse cannot be parsed by 5.1 either' }
    @{ id = 'ternary'; scope = 'all'; severity = 'error'; since = '7.0'; source = "$docs76/about_If.md ('PowerShell 7.0 introduced a new syntax using the ternary operator'), about_Operators.md" }
    @{ id = 'null-coalescing'; scope = 'all'; severity = 'error'; since = '7.0'; source = "$whatsNew#null-coalescing-operator- (?? and ??=)" }
    @{ id = 'null-conditional'; scope = 'all'; severity = 'error'; since = '7.0'; source = "$whatsNew#null-conditional-operators (?. and ?[])" }
    @{ id = 'pipeline-chain'; scope = 'all'; severity = 'error'; since = '7.0'; source = "$docs76/about_Pipeline_Chain_Operators.md (&& and ||)" }
    @{ id = 'background-operator'; scope = 'all'; severity = 'error'; since = '6.0'; source = "$whatsNew#added--operator-for-job-control (a trailing &)" }
    @{ id = 'clean-block'; scope = 'all'; severity = 'error'; since = '7.3'; source = "$docs76/about_Functions.md ('The clean block was added in PowerShell 7.3')" }
    @{ id = 'generic-method-call'; scope = 'all'; severity = 'error'; since = '7.3'; source = "$docs76/about_Calling_Generic_Methods.md ('Beginning with PowerShell 7.3, you can specify the types for a generic method')" }
    @{ id = 'numeric-literal'; scope = 'all'; severity = 'error'; since = '6.2/7.0'; source = "$docs76/about_Numeric_Literals.md (suffixes y, uy, s, us, u, ul: 6.2; n: 7.0; 0b binary literals)" }
    @{ id = 'escape-sequence'; scope = 'all'; severity = 'error'; since = '6.0'; source = $docs76 + '/about_Special_Characters.md (`e and `u{x} "added in PowerShell 6"; 5.1 reads them as plain e and u)' }
    @{ id = 'replace-scriptblock'; scope = 'all'; severity = 'error'; since = '6.0'; source = "$docs76/about_Comparison_Operators.md ('In PowerShell 6 and later, the -replace operator also accepts a scriptblock')" }
    @{ id = 'ps7-variable'; scope = 'all'; severity = 'error'; since = '6.0/7.2/7.3'; source = $docs76 + '/about_Automatic_Variables.md ($IsWindows, $IsLinux, $IsMacOS, $IsCoreCLR: not on the 5.1 page), about_ANSI_Terminals.md ($PSStyle, 7.2), about_Preference_Variables.md ($PSNativeCommand*, 7.3)' }
    @{ id = 'dotnet-type'; scope = 'all'; severity = 'error'; since = '6.0/6.2'; source = "$docs76/about_Numeric_Literals.md ('The following type accelerators were added in PowerShell 6.2: [short], [ushort], [uint], [ulong]'); $whatsNew#net-framework-vs-net-core (types of .NET Core / .NET 5+ that .NET Framework 4.x lacks: System.Text.Json, Span, Half, DateOnly, ...)" }
    @{ id = 'string-split-overload'; scope = 'all'; severity = 'error'; since = '6.0'; source = "$whatsNew#be-aware-of-net-method-changes (.NET Framework splits on each character of a string argument)" }
    @{ id = 'requires-version'; scope = 'all'; severity = 'error'; since = '-'; source = "$docs76/about_Requires.md (#Requires -Version / -PSEdition)" }
    @{ id = 'non-ascii-without-bom'; scope = 'all'; severity = 'error'; since = '-'; source = "$docs51/about_Character_Encoding.md ('Without the BOM, Windows PowerShell misinterprets your script as being encoded in the legacy ANSI codepage')" }
    @{ id = 'unknown-command'; scope = 'all'; severity = 'error'; since = '-'; source = 'the command table built from ps51-cmdlets.json (Microsoft 5.1 and Windows Server module docs; see ps51-cmdlets.md)' }
    @{ id = 'unknown-parameter'; scope = 'all'; severity = 'error'; since = '-'; source = 'the command table built from ps51-cmdlets.json; a function of the script: its param block' }
    @{ id = 'parameter-value'; scope = 'all'; severity = 'error'; since = '-'; source = 'ps51-cmdlets.json: the accepted values the docs list (ValidateSet or enum, e.g. Set-Service -StartupType has no AutomaticDelayedStart in 5.1, -Encoding no utf8NoBOM); a function of the script: its [ValidateSet()]' }
    @{ id = 'parameter-abbreviation'; scope = 'all'; severity = 'error'; since = '-'; source = 'house rule: parameters spelled in full (PowerShell accepts any unambiguous prefix, which breaks when a version adds a parameter)' }
    @{ id = 'ambiguous-parameter'; scope = 'all'; severity = 'error'; since = '-'; source = 'a prefix that matches several parameters fails to bind' }
    @{ id = 'parameter-alias'; scope = 'all'; severity = 'error'; since = '-'; source = 'house rule: parameters spelled in full, not by alias (-ea, -CN)' }
    @{ id = 'command-alias'; scope = 'all'; severity = 'error'; since = '-'; source = "house rule: commands spelled in full ($whatsNew lists aliases that differ between editions)" }
    @{ id = 'newer-windows'; scope = 'all'; severity = 'error'; since = 'after 5.1.14393'; source = 'ps51-cmdlets.json absentOn14393: missing from a real Windows 10 1607 / Server 2016 machine (PSScriptAnalyzer capture)' }
    @{ id = 'splat-unchecked'; scope = 'all'; severity = 'info'; since = '-'; source = 'a splatted variable that is not a hashtable literal: its keys are known only at run time' }
    @{ id = 'dynamic-command'; scope = 'all'; severity = 'info'; since = '-'; source = 'a command name computed at run time cannot be checked' }
    @{ id = 'external-command'; scope = 'all'; severity = 'info'; since = '-'; source = 'an external program (w32tm.exe, sc.exe, a path): not a cmdlet, its arguments are not checked' }
    @{ id = 'floor-command'; scope = 'floor3'; severity = 'error'; since = '4.0/5.0/5.1'; source = 'scripts/ps51-compat/newer-than-3.0.json: commands and modules that What''s New in Windows PowerShell 5.0 (its 4.0 and 5.0 sections) and the WMF 5.1 notes list as new, each row citing its page' }
    @{ id = 'floor-parameter'; scope = 'floor3'; severity = 'error'; since = '4.0/5.0/5.1'; source = 'scripts/ps51-compat/newer-than-3.0.json: parameters (and the common parameters PipelineVariable 4.0, InformationAction/InformationVariable 5.0) that the same pages list as new' }
    @{ id = 'floor-command-unguarded'; scope = 'floor3'; severity = 'error'; since = 'Windows 8 / Server 2012'; source = 'a Windows module command (NetSecurity, DnsClient, ...) that Windows 7 / 2008 R2 lack: only inside try { } catch { }' }
    @{ id = 'floor-class'; scope = 'floor3'; severity = 'error'; since = '5.0'; source = "$docs51/about_Classes.md ('Starting with version 5.0, PowerShell has a formal syntax to define classes'), about_Enum.md" }
    @{ id = 'floor-using'; scope = 'floor3'; severity = 'error'; since = '5.0'; source = "$docs51/about_Using.md" }
    @{ id = 'floor-new-method'; scope = 'floor3'; severity = 'error'; since = '5.0'; source = "$docs51/about_Intrinsic_Members.md ('Beginning in PowerShell 5.0, PowerShell adds a static new() method')" }
    @{ id = 'floor-collection-method'; scope = 'floor3'; severity = 'error'; since = '4.0'; source = "$docs51/about_Methods.md ('Beginning in PowerShell 4.0, collection filtering using a method syntax is supported': .ForEach(), .Where())" }
    @{ id = 'floor-dynamic-method'; scope = 'floor3'; severity = 'error'; since = '4.0'; source = "$docs51/about_Methods.md ('Starting in PowerShell 4.0, method invocation by using dynamic method names is supported')" }
    @{ id = 'floor-information-stream'; scope = 'floor3'; severity = 'error'; since = '5.0'; source = "$docs51/about_Redirection.md (stream 6, Information: PowerShell 5.0)" }
    @{ id = 'floor-parse-operator'; scope = 'floor3'; severity = 'error'; since = '3.0'; source = "$docs51/about_Arithmetic_Operators.md (-shl/-shr: 'Beginning in PowerShell 3.0'), about_Comparison_Operators.md (-in/-notin 'introduced in PowerShell 3'): 2.0 cannot parse them, so it never reaches the version check" }
    @{ id = 'floor-parse-redirection'; scope = 'floor3'; severity = 'error'; since = '3.0'; source = "$docs51/about_Redirection.md (streams 3, 4, 5 and *: PowerShell 3.0): 2.0 cannot parse them" }
)

$ruleById = @{}
foreach ($rule in $Rules) {
    $ruleById[$rule.id] = $rule
}

if ($ListRules) {
    ConvertTo-Json -InputObject @{ rules = $Rules } -Depth 4 -Compress
    exit 0
}

# ---------------------------------------------------------------------------------------------
# The command tables
# ---------------------------------------------------------------------------------------------

function New-Dictionary {
    return New-Object -TypeName 'System.Collections.Generic.Dictionary[string,object]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
}

function Read-Parameter {
    param([string]$Packed, $ValueTable)
    $name, $aliasText = $Packed.Split([char[]]@('='), 2)
    $aliases = @()
    if ($aliasText) {
        $aliases = @($aliasText.Split([char[]]@(',')))
    }
    $values = @()
    if ($null -ne $ValueTable -and $ValueTable.ContainsKey($name)) {
        $values = @($ValueTable[$name])
    }
    return [pscustomobject]@{ Name = $name; Aliases = $aliases; Values = $values }
}

function Read-CommandTable {
    # Names only up front; a command's parameters are unpacked the first time it is used.
    param($Version)
    $commands = New-Dictionary
    foreach ($entry in $Version['commands'].GetEnumerator()) {
        $commands[$entry.Key] = $entry.Value
    }
    $aliases = New-Dictionary
    foreach ($entry in $Version['aliases'].GetEnumerator()) {
        $aliases[$entry.Key] = [string]$entry.Value
    }
    $commonValues = $Version['commonParameterValues']
    $common = @($Version['commonParameters'].GetEnumerator() | ForEach-Object -Process {
            $values = @()
            if ($commonValues.ContainsKey($_.Key)) {
                $values = @($commonValues[$_.Key])
            }
            [pscustomobject]@{ Name = $_.Key; Aliases = @($_.Value); Values = $values }
        })
    return [pscustomobject]@{ Commands = $commands; Aliases = $aliases; Common = $common; Unpacked = (New-Dictionary) }
}

function Get-TableCommand {
    param($Table, [string]$Name)
    if ($Table.Unpacked.ContainsKey($Name)) {
        return $Table.Unpacked[$Name]
    }
    if (-not $Table.Commands.ContainsKey($Name)) {
        return $null
    }
    $info = $Table.Commands[$Name]
    $command = [pscustomobject]@{
        Name         = $Name
        Module       = [string]$info['module']
        Parameters   = @(foreach ($packed in @($info['parameters'])) { Read-Parameter -Packed $packed -ValueTable $info['values'] })
        NewerCommand = $info.ContainsKey('newerThan14393')
        NewerParams  = @($info['newerParameters'] | Where-Object -FilterScript { $null -ne $_ })
        Provider     = @($info['provider'] | Where-Object -FilterScript { $null -ne $_ })
    }
    $Table.Unpacked[$Name] = $command
    return $command
}

if ($CommandsPath -eq '' -or -not (Test-Path -LiteralPath $CommandsPath -PathType Leaf)) {
    [Console]::Error.WriteLine("ps51-compat: no command table at '$CommandsPath'. Build it from ps51-cmdlets.json with: node scripts/ps51-compat/build-commands.mjs, then pass -CommandsPath .cache/ps51-compat/commands.json")
    exit 2
}
$table = Get-Content -LiteralPath $CommandsPath -Raw | ConvertFrom-Json -AsHashtable
$v51 = Read-CommandTable -Version $table
# PowerShell's own modules (those of Microsoft's 5.1 reference): a command of theirs that the floor table
# lists came after 3.0. Commands of other modules (NetSecurity, DnsClient, ...) come with Windows instead.
$psModules = New-Object -TypeName 'System.Collections.Generic.HashSet[string]' -ArgumentList ([System.StringComparer]::OrdinalIgnoreCase)
foreach ($module in @($table['powershellModules'])) {
    $null = $psModules.Add([string]$module)
}

# The collector floor: what 4.0, 5.0 and 5.1 added (scripts/ps51-compat/newer-than-3.0.json).
$floor = Get-Content -LiteralPath $FloorTablePath -Raw | ConvertFrom-Json -AsHashtable
$floorCommands = New-Dictionary
foreach ($row in $floor['commands']) {
    $floorCommands[$row['name']] = $row
}
$floorModules = New-Dictionary
foreach ($row in $floor['modules']) {
    $floorModules[$row['name']] = $row
}
# Key "command|parameter"; "*|parameter" for a common parameter.
$floorParameters = New-Dictionary
foreach ($row in $floor['parameters']) {
    $floorParameters["$($row['command'])|$($row['name'])"] = $row
}

# ---------------------------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------------------------

$findings = New-Object -TypeName 'System.Collections.Generic.List[object]'
$currentFile = ''

function Add-Finding {
    param($Extent, [string]$Rule, [string]$Message)
    $findings.Add([ordered]@{
            file     = $currentFile
            line     = $Extent.StartLineNumber
            column   = $Extent.StartColumnNumber
            rule     = $Rule
            severity = $ruleById[$Rule].severity
            message  = $Message
        })
}

function Test-InsideTryCatch {
    param($Ast)
    $child = $Ast
    for ($node = $Ast.Parent; $null -ne $node; $node = $node.Parent) {
        if ($node -is [System.Management.Automation.Language.TryStatementAst] -and $node.Body -eq $child -and $node.CatchClauses.Count -gt 0) {
            return $true
        }
        $child = $node
    }
    return $false
}

# ---------------------------------------------------------------------------------------------
# Parameters: exact names pass; aliases, prefixes and unknown names are findings
# ---------------------------------------------------------------------------------------------

function Test-Parameter {
    # $Target: @{ Label; Parameters; NewerParams; Provider; Version }. Returns the parameter the name
    # binds to (also when it is spelled as an alias or prefix, which is a finding), or $null.
    param($Extent, [string]$Name, $Target)
    $parameter = Find-Parameter -Extent $Extent -Name $Name -Target $Target
    if ($null -ne $parameter -and $Target.Floor3) {
        $row = $null
        foreach ($key in @("$($Target.Command)|$($parameter.Name)", "*|$($parameter.Name)")) {
            if ($null -eq $row -and $floorParameters.ContainsKey($key)) {
                $row = $floorParameters[$key]
            }
        }
        if ($null -ne $row) {
            Add-Finding -Extent $Extent -Rule 'floor-parameter' -Message ("-$($parameter.Name) of $($Target.Label) came with PowerShell $($row['since']) ($($row['source'])); the collector script runs on 3.0")
        }
    }
    return $parameter
}

function Find-Parameter {
    param($Extent, [string]$Name, $Target)
    $ignoreCase = [System.StringComparison]::OrdinalIgnoreCase
    $alias = $null
    $prefixes = New-Object -TypeName 'System.Collections.Generic.List[object]'
    foreach ($p in $Target.Parameters) {
        if ([string]::Equals($p.Name, $Name, $ignoreCase)) {
            if ($Target.NewerParams -contains $p.Name) {
                Add-Finding -Extent $Extent -Rule 'newer-windows' -Message ("-$($p.Name) of $($Target.Label) is newer than Windows 10 1607 / Server 2016 (absent from a real 5.1.14393 machine)")
            }
            return $p
        }
        foreach ($a in $p.Aliases) {
            if ([string]::Equals($a, $Name, $ignoreCase)) {
                $alias = $p
            }
        }
        if ($p.Name.StartsWith($Name, $ignoreCase)) {
            $prefixes.Add($p)
        }
    }
    if ($null -ne $alias) {
        Add-Finding -Extent $Extent -Rule 'parameter-alias' -Message ("-$Name is an alias of -$($alias.Name) ($($Target.Label)): spell the parameter in full")
        return $alias
    }
    if ($prefixes.Count -eq 1) {
        Add-Finding -Extent $Extent -Rule 'parameter-abbreviation' -Message ("-$Name abbreviates -$($prefixes[0].Name) ($($Target.Label)): spell the parameter in full")
        return $prefixes[0]
    }
    if ($prefixes.Count -gt 1) {
        Add-Finding -Extent $Extent -Rule 'ambiguous-parameter' -Message ("-$Name matches several parameters of $($Target.Label): -$(@($prefixes | ForEach-Object -Process { $_.Name }) -join ', -')")
        return $null
    }
    $hint = ''
    if ($Target.Provider.Count -gt 0) {
        $hint = ' (it may be a provider parameter the docs do not list: confirm on Windows PowerShell 5.1)'
    }
    Add-Finding -Extent $Extent -Rule 'unknown-parameter' -Message ("$($Target.Label) has no parameter -$Name in PowerShell $($Target.Version)$hint")
    return $null
}

function Test-ParameterValue {
    # A constant argument of a parameter with a fixed set of values (ValidateSet, an enum) must be one of them.
    param($Parameter, $ValueAst, $Target)
    if ($null -eq $Parameter -or $Parameter.Values.Count -eq 0 -or -not ($ValueAst -is [System.Management.Automation.Language.StringConstantExpressionAst])) {
        return
    }
    foreach ($value in $ValueAst.Value.Split([char[]]@(','))) {
        $value = $value.Trim()
        if ($value -match '^[0-9]+$') {
            continue
        }
        $known = $false
        foreach ($allowed in $Parameter.Values) {
            if ([string]::Equals([string]$allowed, $value, [System.StringComparison]::OrdinalIgnoreCase)) {
                $known = $true
            }
        }
        if (-not $known) {
            Add-Finding -Extent $ValueAst.Extent -Rule 'parameter-value' -Message ("'$value' is not a value of -$($Parameter.Name) of $($Target.Label) in PowerShell $($Target.Version) (it takes $($Parameter.Values -join ', '))")
        }
    }
}

# ---------------------------------------------------------------------------------------------
# Functions the scripts define themselves
# ---------------------------------------------------------------------------------------------

$signatures = @{}

function Get-FunctionSignature {
    param($Definition)
    if ($signatures.ContainsKey($Definition)) {
        return $signatures[$Definition]
    }
    $parameters = @()
    $advanced = $false
    $params = $Definition.Parameters
    $block = $Definition.Body.ParamBlock
    if ($null -ne $block) {
        $params = $block.Parameters
        foreach ($attribute in $block.Attributes) {
            if ($attribute.TypeName.Name -eq 'CmdletBinding') {
                $advanced = $true
                foreach ($named in $attribute.NamedArguments) {
                    if ($named.ArgumentName -eq 'SupportsShouldProcess') {
                        $parameters += [pscustomobject]@{ Name = 'WhatIf'; Aliases = @('wi'); Values = @() }
                        $parameters += [pscustomobject]@{ Name = 'Confirm'; Aliases = @('cf'); Values = @() }
                    }
                }
            }
        }
    }
    foreach ($p in @($params)) {
        if ($null -eq $p) {
            continue
        }
        $aliases = @()
        $values = @()
        foreach ($attribute in $p.Attributes) {
            if ($attribute -is [System.Management.Automation.Language.AttributeAst]) {
                if ($attribute.TypeName.Name -eq 'Parameter') {
                    $advanced = $true
                }
                if ($attribute.TypeName.Name -eq 'Alias') {
                    $aliases += @(foreach ($value in $attribute.PositionalArguments) { [string]$value.SafeGetValue() })
                }
                if ($attribute.TypeName.Name -eq 'ValidateSet') {
                    $values += @(foreach ($value in $attribute.PositionalArguments) { [string]$value.SafeGetValue() })
                }
            }
        }
        $parameters += [pscustomobject]@{ Name = $p.Name.VariablePath.UserPath; Aliases = $aliases; Values = $values }
    }
    $signature = [pscustomobject]@{ Parameters = $parameters; Advanced = $advanced }
    $signatures[$Definition] = $signature
    return $signature
}

function Get-Scope {
    # The script block a node belongs to (for a function definition: the one it is defined in).
    param($Ast)
    for ($node = $Ast.Parent; $null -ne $node; $node = $node.Parent) {
        if ($node -is [System.Management.Automation.Language.ScriptBlockAst]) {
            return $node
        }
    }
    return $null
}

function Find-FunctionDefinition {
    # The definition whose scope encloses the call, innermost first; else the first of that name in the file.
    param([string]$Name, $CallAst, $Definitions)
    if ($Definitions.ContainsKey($Name)) {
        $candidates = $Definitions[$Name]
        for ($node = $CallAst.Parent; $null -ne $node; $node = $node.Parent) {
            foreach ($candidate in $candidates) {
                if ([object]::ReferenceEquals($candidate.Scope, $node)) {
                    return $candidate.Ast
                }
            }
        }
        return $candidates[0].Ast
    }
    return $null
}

# ---------------------------------------------------------------------------------------------
# Splatting: a variable assigned only hashtable literals (and constant keys added later) is checked
# ---------------------------------------------------------------------------------------------

function Get-SplatKey {
    # The keys, or $null when they are known only at run time. $Writes: the file's assignments,
    # method calls and parameters, collected once.
    param([string]$VariableName, $Writes)
    $keys = New-Object -TypeName 'System.Collections.Generic.List[object]'
    $seen = $false
    foreach ($assignment in $Writes.Assignments) {
        $left = $assignment.Left
        if ($left -is [System.Management.Automation.Language.ConvertExpressionAst]) {
            $left = $left.Child
        }
        if ($left -is [System.Management.Automation.Language.VariableExpressionAst]) {
            if ($left.VariablePath.UserPath -ne $VariableName) {
                continue
            }
            $seen = $true
            $right = $assignment.Right
            if (-not ($right -is [System.Management.Automation.Language.CommandExpressionAst] -and $right.Expression -is [System.Management.Automation.Language.HashtableAst])) {
                return $null
            }
            foreach ($pair in $right.Expression.KeyValuePairs) {
                if (-not ($pair.Item1 -is [System.Management.Automation.Language.StringConstantExpressionAst])) {
                    return $null
                }
                $value = $null
                if ($pair.Item2 -is [System.Management.Automation.Language.PipelineAst]) {
                    $value = $pair.Item2.GetPureExpression()
                }
                $keys.Add(@{ name = $pair.Item1.Value; extent = $pair.Item1.Extent; value = $value })
            }
        }
        elseif ($left -is [System.Management.Automation.Language.IndexExpressionAst] -and $left.Target -is [System.Management.Automation.Language.VariableExpressionAst] -and $left.Target.VariablePath.UserPath -eq $VariableName) {
            if (-not ($left.Index -is [System.Management.Automation.Language.StringConstantExpressionAst])) {
                return $null
            }
            $keys.Add(@{ name = $left.Index.Value; extent = $left.Index.Extent; value = $assignment.Right.Expression })
        }
        elseif ($left -is [System.Management.Automation.Language.MemberExpressionAst] -and $left.Expression -is [System.Management.Automation.Language.VariableExpressionAst] -and $left.Expression.VariablePath.UserPath -eq $VariableName) {
            if (-not ($left.Member -is [System.Management.Automation.Language.StringConstantExpressionAst])) {
                return $null
            }
            $keys.Add(@{ name = $left.Member.Value; extent = $left.Member.Extent; value = $assignment.Right.Expression })
        }
    }
    # .Add(), .Remove() and the like change the keys at run time; a parameter comes from the caller.
    foreach ($call in $Writes.MethodCalls) {
        if ($call.Expression -is [System.Management.Automation.Language.VariableExpressionAst] -and $call.Expression.VariablePath.UserPath -eq $VariableName) {
            return $null
        }
    }
    foreach ($parameter in $Writes.Parameters) {
        if ($parameter.Name.VariablePath.UserPath -eq $VariableName) {
            return $null
        }
    }
    if (-not $seen) {
        return $null
    }
    return , $keys
}

# ---------------------------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------------------------

function Test-Command {
    param($Command, $Definitions, $Writes, [bool]$Floor3)
    $name = $Command.GetCommandName()
    $first = $Command.CommandElements[0]
    $external = '\.(exe|com|cmd|bat|msc|vbs|cpl)$'
    if ($null -eq $name) {
        if ($first -is [System.Management.Automation.Language.ScriptBlockExpressionAst]) {
            return
        }
        if ($first -is [System.Management.Automation.Language.ExpandableStringExpressionAst] -and $first.Value -match $external) {
            Add-Finding -Extent $first.Extent -Rule 'external-command' -Message ("$($first.Value) is an external program; its arguments are not checked")
            return
        }
        Add-Finding -Extent $first.Extent -Rule 'dynamic-command' -Message ("the command name $($first.Extent.Text) is computed at run time; it is not checked")
        return
    }
    if ($name -match '[\\/]' -or $name -match $external) {
        Add-Finding -Extent $first.Extent -Rule 'external-command' -Message ("$name is an external program; its arguments are not checked")
        return
    }

    $version = '5.1'
    $tables = $v51

    # What the name means: a function of the script, an alias, a cmdlet (a fallback function may
    # stand in for a cmdlet: then the arguments must suit both).
    $targets = @()
    $definition = Find-FunctionDefinition -Name $name -CallAst $Command -Definitions $Definitions
    if ($null -eq $definition -and $projectFunctions.ContainsKey($name) -and -not $v51.Aliases.ContainsKey($name) -and -not $v51.Commands.ContainsKey($name)) {
        # A top-level function of another checked file (a shared prologue), when the name means nothing else.
        $definition = $projectFunctions[$name][0]
    }
    if ($null -ne $definition) {
        $signature = Get-FunctionSignature -Definition $definition
        $parameters = $signature.Parameters
        if ($signature.Advanced) {
            $parameters = @($parameters) + @($tables.Common)
        }
        $targets += @{ Label = "the function $name (line $($definition.Extent.StartLineNumber))"; Command = '-'; Floor3 = $Floor3; Parameters = @($parameters); NewerParams = @(); Provider = @(); Version = $version }
    }

    $cmdletName = $name
    if ($null -eq $definition -and $v51.Aliases.ContainsKey($name)) {
        $cmdletName = $v51.Aliases[$name]
        Add-Finding -Extent $first.Extent -Rule 'command-alias' -Message ("$name is an alias of $($cmdletName): spell the command in full")
    }

    $cmdlet = Get-TableCommand -Table $tables -Name $cmdletName
    if ($null -ne $cmdlet -and $Floor3 -and $null -eq $definition) {
        $row = $null
        if ($floorCommands.ContainsKey($cmdletName)) {
            $row = $floorCommands[$cmdletName]
        }
        elseif ($floorModules.ContainsKey($cmdlet.Module)) {
            $row = $floorModules[$cmdlet.Module]
        }
        if ($null -ne $row) {
            Add-Finding -Extent $first.Extent -Rule 'floor-command' -Message ("$cmdletName ($($cmdlet.Module)) came with PowerShell $($row['since']) ($($row['source'])); the collector script runs on 3.0")
        }
        elseif (-not $psModules.Contains($cmdlet.Module) -and -not (Test-InsideTryCatch -Ast $Command)) {
            Add-Finding -Extent $first.Extent -Rule 'floor-command-unguarded' -Message ("$cmdletName ($($cmdlet.Module)) does not exist on Windows 7 / Server 2008 R2: call it only inside try { } catch { }")
        }
    }
    if ($null -ne $cmdlet) {
        if ($cmdlet.NewerCommand -and $null -eq $definition) {
            Add-Finding -Extent $first.Extent -Rule 'newer-windows' -Message ("$cmdletName is newer than Windows 10 1607 / Server 2016 (absent from a real 5.1.14393 machine)")
        }
        $targets += @{ Label = $cmdletName; Command = $cmdletName; Floor3 = $Floor3; Parameters = @($cmdlet.Parameters) + @($v51.Common); NewerParams = $cmdlet.NewerParams; Provider = $cmdlet.Provider; Version = $version }
    }
    elseif ($null -eq $definition) {
        Add-Finding -Extent $first.Extent -Rule 'unknown-command' -Message ("$name is not a command of PowerShell $version nor a function of the script (an external program is called by its file name with .exe)")
        return
    }

    for ($i = 1; $i -lt $Command.CommandElements.Count; $i++) {
        $element = $Command.CommandElements[$i]
        if ($element -is [System.Management.Automation.Language.CommandParameterAst]) {
            $argument = $element.Argument
            if ($null -eq $argument -and $i + 1 -lt $Command.CommandElements.Count) {
                $argument = $Command.CommandElements[$i + 1]
            }
            foreach ($target in $targets) {
                $parameter = Test-Parameter -Extent $element.Extent -Name $element.ParameterName -Target $target
                Test-ParameterValue -Parameter $parameter -ValueAst $argument -Target $target
            }
            if ($cmdletName -eq 'New-Object' -and $element.ParameterName -eq 'TypeName' -and $argument -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
                Test-TypeName -Extent $argument.Extent -Name $argument.Value
            }
        }
        elseif ($element -is [System.Management.Automation.Language.VariableExpressionAst] -and $element.Splatted) {
            $variable = $element.VariablePath.UserPath
            $keys = Get-SplatKey -VariableName $variable -Writes $Writes
            if ($null -eq $keys) {
                Add-Finding -Extent $element.Extent -Rule 'splat-unchecked' -Message ("@$variable is built at run time; the parameters it passes to $name are not checked")
                continue
            }
            foreach ($key in $keys) {
                foreach ($target in $targets) {
                    $parameter = Test-Parameter -Extent $key.extent -Name $key.name -Target $target
                    Test-ParameterValue -Parameter $parameter -ValueAst $key.value -Target $target
                }
            }
        }
    }
}

# ---------------------------------------------------------------------------------------------
# Syntax
# ---------------------------------------------------------------------------------------------

$ps7Variables = @{
    IsWindows                               = '6.0'
    IsLinux                                 = '6.0'
    IsMacOS                                 = '6.0'
    IsCoreCLR                               = '6.0'
    PSStyle                                 = '7.2'
    PSNativeCommandArgumentPassing          = '7.3'
    PSNativeCommandUseErrorActionPreference = '7.3'
}
# Type names 5.1 cannot resolve: PowerShell 6+ accelerators and types of .NET Core / .NET 5+ only
# (System.Net.Http is in .NET Framework 4.5 but not loaded in a 5.1 session, and absent from 4.0).
$newerTypes = @{
    'short'                           = 'the [short] accelerator came with PowerShell 6.2; write [int16]'
    'ushort'                          = 'the [ushort] accelerator came with PowerShell 6.2; write [uint16]'
    'uint'                            = 'the [uint] accelerator came with PowerShell 6.2; write [uint32]'
    'ulong'                           = 'the [ulong] accelerator came with PowerShell 6.2; write [uint64]'
    'semver'                          = 'the [semver] accelerator came with PowerShell 6.0; use [version]'
    'System.Management.Automation.SemanticVersion' = 'SemanticVersion came with PowerShell 6.0; use [version]'
    'System.Text.Json'                = 'System.Text.Json is .NET Core 3.0+; use ConvertTo-Json / ConvertFrom-Json'
    'System.Span'                     = 'Span<T> is not in .NET Framework 4.x'
    'System.ReadOnlySpan'             = 'ReadOnlySpan<T> is not in .NET Framework 4.x'
    'System.Memory'                   = 'Memory<T> is not in .NET Framework 4.x'
    'System.Half'                     = 'System.Half is .NET 5+'
    'System.DateOnly'                 = 'System.DateOnly is .NET 6+; use [datetime]'
    'System.TimeOnly'                 = 'System.TimeOnly is .NET 6+; use [timespan]'
    'System.Text.Rune'                = 'System.Text.Rune is .NET Core 3.0+'
    'System.Range'                    = 'System.Range is .NET Core 3.0+'
    'System.Index'                    = 'System.Index is .NET Core 3.0+'
    'System.Threading.Channels'       = 'System.Threading.Channels is not in .NET Framework 4.x'
    'System.Collections.Immutable'    = 'System.Collections.Immutable is not in .NET Framework 4.x'
    'System.Formats'                  = 'System.Formats.* is .NET 5+'
    'System.IO.Pipelines'             = 'System.IO.Pipelines is not in .NET Framework 4.x'
    'System.Net.Http'                 = 'System.Net.Http is not loaded in a Windows PowerShell 5.1 session (and not in .NET Framework 4.0 at all); use System.Net.WebRequest or the cmdlets'
}

function Test-TypeName {
    param($Extent, [string]$Name)
    $plain = ($Name -replace '\[.*$', '' -replace '`[0-9]+$', '')
    foreach ($key in $newerTypes.Keys) {
        if ([string]::Equals($plain, $key, [System.StringComparison]::OrdinalIgnoreCase) -or $plain.StartsWith("$key.", [System.StringComparison]::OrdinalIgnoreCase)) {
            Add-Finding -Extent $Extent -Rule 'dotnet-type' -Message ("[$Name]: $($newerTypes[$key])")
            return
        }
    }
}

$replaceOperators = @('Ireplace', 'Creplace')
$floorParseOperators = @('Shl', 'Shr', 'Iin', 'Inotin', 'Cin', 'Cnotin')
$floor30Streams = @('Warning', 'Verbose', 'Debug', 'All')
# Node types checked by the same rules.
$sameRules = @{ ExpandableStringExpressionAst = 'StringConstantExpressionAst'; FileRedirectionAst = 'RedirectionAst'; MergingRedirectionAst = 'RedirectionAst' }

function Test-Member {
    param($Node, [bool]$Floor3)
    if ($Node.NullConditional) {
        Add-Finding -Extent $Node.Extent -Rule 'null-conditional' -Message 'the ?. operator needs PowerShell 7.0; test for $null first'
    }
    if (-not ($Node -is [System.Management.Automation.Language.InvokeMemberExpressionAst])) {
        return
    }
    if ($null -ne $Node.GenericTypeArguments -and $Node.GenericTypeArguments.Count -gt 0) {
        Add-Finding -Extent $Node.Extent -Rule 'generic-method-call' -Message 'explicit generic method arguments .Method[T]() need PowerShell 7.3; use reflection (MakeGenericMethod)'
    }
    $member = $Node.Member
    if (-not ($member -is [System.Management.Automation.Language.StringConstantExpressionAst])) {
        if ($Floor3) {
            Add-Finding -Extent $Node.Extent -Rule 'floor-dynamic-method' -Message 'a method name computed at run time ($o.$name()) needs PowerShell 4.0'
        }
        return
    }
    $arguments = @($Node.Arguments | Where-Object -FilterScript { $null -ne $_ })
    if ($member.Value -eq 'Split' -and -not $Node.Static -and $arguments.Count -eq 1 -and
        $arguments[0] -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $arguments[0].Value.Length -gt 1) {
        Add-Finding -Extent $Node.Extent -Rule 'string-split-overload' -Message (".Split('$($arguments[0].Value)') splits on the whole string in PowerShell 7 but on each of its characters in 5.1 (.NET Framework); pass [char[]] or use -split")
    }
    if ($Floor3 -and $Node.Static -and $member.Value -eq 'new') {
        Add-Finding -Extent $Node.Extent -Rule 'floor-new-method' -Message '::new() needs PowerShell 5.0; use New-Object'
    }
    if ($Floor3 -and -not $Node.Static -and $member.Value -in @('ForEach', 'Where') -and
        @($arguments | Where-Object -FilterScript { $_ -is [System.Management.Automation.Language.ScriptBlockExpressionAst] }).Count -gt 0) {
        Add-Finding -Extent $Node.Extent -Rule 'floor-collection-method' -Message (".$($member.Value)({ }) needs PowerShell 4.0; use $($member.Value)-Object or a foreach loop")
    }
}

function Test-NumberToken {
    param($Tokens)
    foreach ($token in $Tokens) {
        if ($token.Kind -ne [System.Management.Automation.Language.TokenKind]::Number) {
            continue
        }
        $text = $token.Text
        if ($text -match '^0b[01]+' -or $text -match '^(0x[0-9a-f]+|[0-9.]+(e[+-]?[0-9]+)?)(y|uy|s|us|u|ul|n)(kb|mb|gb|tb|pb)?$') {
            Add-Finding -Extent $token.Extent -Rule 'numeric-literal' -Message ("the number $text needs PowerShell 6.2 or later (0b binary, y/uy/s/us/u/ul/n suffixes); write it in decimal or hex and cast")
        }
    }
}

function Test-Requirement {
    param($Ast, $Tokens, [string]$Target)
    $requirements = $Ast.ScriptRequirements
    if ($null -eq $requirements) {
        return
    }
    $at = $Ast.Extent
    foreach ($token in $Tokens) {
        if ($token.Kind -eq [System.Management.Automation.Language.TokenKind]::Comment -and $token.Text -match '^#requires\s') {
            $at = $token.Extent
            break
        }
    }
    if ($null -ne $requirements.RequiredPSVersion -and $requirements.RequiredPSVersion -gt [version]$Target) {
        Add-Finding -Extent $at -Rule 'requires-version' -Message ("#Requires -Version $($requirements.RequiredPSVersion) refuses to run on PowerShell $Target")
    }
    if (@($requirements.RequiredPSEditions) -contains 'Core') {
        Add-Finding -Extent $at -Rule 'requires-version' -Message '#Requires -PSEdition Core refuses to run on Windows PowerShell'
    }
}

function Test-Encoding {
    param([string]$File)
    $bytes = [System.IO.File]::ReadAllBytes($File)
    $utf8Bom = $bytes.Length -ge 3 -and $bytes[0] -eq 0xEF -and $bytes[1] -eq 0xBB -and $bytes[2] -eq 0xBF
    $utf16Bom = $bytes.Length -ge 2 -and (($bytes[0] -eq 0xFF -and $bytes[1] -eq 0xFE) -or ($bytes[0] -eq 0xFE -and $bytes[1] -eq 0xFF))
    if ($utf8Bom -or $utf16Bom) {
        return
    }
    $line = 1
    $column = 1
    foreach ($b in $bytes) {
        if ($b -ge 0x80) {
            Add-Finding -Extent ([pscustomobject]@{ StartLineNumber = $line; StartColumnNumber = $column }) -Rule 'non-ascii-without-bom' -Message 'a non-ASCII character in a file without a BOM: Windows PowerShell 5.1 reads the file in the ANSI code page. Keep scripts ASCII'
            return
        }
        if ($b -eq 0x0A) {
            $line++
            $column = 1
        }
        else {
            $column++
        }
    }
}

# ---------------------------------------------------------------------------------------------
# The run: parse every file once (so a shared prologue's functions are known), then check
# ---------------------------------------------------------------------------------------------

if ($ManifestPath -ne '') {
    $manifest = Get-Content -LiteralPath $ManifestPath -Raw | ConvertFrom-Json -AsHashtable
    $Path = @($Path) + @($manifest['path'] | Where-Object -FilterScript { $null -ne $_ })
    $Floor3Path = @($Floor3Path) + @($manifest['floor3Path'] | Where-Object -FilterScript { $null -ne $_ })
}

$inputs = @()
foreach ($p in $Path) {
    $inputs += @{ file = $p; floor3 = $false }
}
foreach ($p in $Floor3Path) {
    $inputs += @{ file = $p; floor3 = $true }
}
if ($inputs.Count -eq 0) {
    [Console]::Error.WriteLine('ps51-compat: give scripts with -Path, -Floor3Path or -ManifestPath (or -ListRules)')
    exit 2
}

$projectFunctions = New-Dictionary
$parsed = @()
foreach ($item in $inputs) {
    if (-not (Test-Path -LiteralPath $item.file -PathType Leaf)) {
        [Console]::Error.WriteLine("ps51-compat: no such file: $($item.file)")
        exit 2
    }
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile((Resolve-Path -LiteralPath $item.file).ProviderPath, [ref]$tokens, [ref]$errors)
    $nodes = $ast.FindAll({ $true }, $true)
    $parsed += @{ file = $item.file; floor3 = $item.floor3; ast = $ast; tokens = $tokens; errors = $errors; nodes = $nodes }
    foreach ($node in $nodes) {
        if ($node -is [System.Management.Automation.Language.FunctionDefinitionAst] -and [object]::ReferenceEquals((Get-Scope -Ast $node), $ast)) {
            if (-not $projectFunctions.ContainsKey($node.Name)) {
                $projectFunctions[$node.Name] = New-Object -TypeName 'System.Collections.Generic.List[object]'
            }
            $projectFunctions[$node.Name].Add($node)
        }
    }
}

$files = @()
foreach ($item in $parsed) {
    $currentFile = $item.file
    $target = '5.1'
    if ($item.floor3) {
        $target = '3.0'
    }
    $files += [ordered]@{ file = $item.file; target = $target; parseErrors = @($item.errors).Count }
    Test-Encoding -File $item.file
    foreach ($problem in $item.errors) {
        Add-Finding -Extent $problem.Extent -Rule 'parse-error' -Message ("PowerShell cannot parse this: $($problem.Message)")
    }
    if (@($item.errors).Count -gt 0) {
        continue
    }
    Test-Requirement -Ast $item.ast -Tokens $item.tokens -Target $target
    Test-NumberToken -Tokens $item.tokens

    $definitions = New-Dictionary
    $writes = @{
        Assignments = New-Object -TypeName 'System.Collections.Generic.List[object]'
        MethodCalls = New-Object -TypeName 'System.Collections.Generic.List[object]'
        Parameters  = New-Object -TypeName 'System.Collections.Generic.List[object]'
    }
    $commands = New-Object -TypeName 'System.Collections.Generic.List[object]'
    $floor3 = $item.floor3
    # One pass over every node; cheap tests inline, a function call only where something may be found.
    foreach ($node in $item.nodes) {
        $type = $node.GetType().Name
        if ($sameRules.ContainsKey($type)) {
            $type = $sameRules[$type]
        }
        switch -Exact ($type) {
            'FunctionDefinitionAst' {
                if (-not $definitions.ContainsKey($node.Name)) {
                    $definitions[$node.Name] = New-Object -TypeName 'System.Collections.Generic.List[object]'
                }
                $definitions[$node.Name].Add(@{ Ast = $node; Scope = (Get-Scope -Ast $node) })
            }
            'ParameterAst' {
                $writes.Parameters.Add($node)
            }
            'CommandAst' {
                $commands.Add($node)
            }
            'TypeExpressionAst' {
                Test-TypeName -Extent $node.Extent -Name $node.TypeName.FullName
            }
            'TypeConstraintAst' {
                Test-TypeName -Extent $node.Extent -Name $node.TypeName.FullName
            }
            'TernaryExpressionAst' {
                Add-Finding -Extent $node.Extent -Rule 'ternary' -Message 'the ternary operator a ? b : c needs PowerShell 7.0; use if / else'
            }
            'PipelineChainAst' {
                Add-Finding -Extent $node.Extent -Rule 'pipeline-chain' -Message 'the pipeline chain operators && and || need PowerShell 7.0; use if ($?) or try / catch'
                if ($node.Background) {
                    Add-Finding -Extent $node.Extent -Rule 'background-operator' -Message 'a trailing & (run as a job) needs PowerShell 6.0; use Start-Job'
                }
            }
            'PipelineAst' {
                if ($node.Background) {
                    Add-Finding -Extent $node.Extent -Rule 'background-operator' -Message 'a trailing & (run as a job) needs PowerShell 6.0; use Start-Job'
                }
            }
            'BinaryExpressionAst' {
                $op = [string]$node.Operator
                if ($op -eq 'QuestionQuestion') {
                    Add-Finding -Extent $node.Extent -Rule 'null-coalescing' -Message 'the ?? operator needs PowerShell 7.0; use if ($null -eq ...)'
                }
                elseif ($op -in $replaceOperators -and $node.Right -is [System.Management.Automation.Language.ArrayLiteralAst] -and
                    @($node.Right.Elements | Where-Object -FilterScript { $_ -is [System.Management.Automation.Language.ScriptBlockExpressionAst] }).Count -gt 0) {
                    Add-Finding -Extent $node.Extent -Rule 'replace-scriptblock' -Message '-replace with a script block needs PowerShell 6.0 (5.1 inserts the script block''s text); use [regex]::Replace with a MatchEvaluator'
                }
                elseif ($floor3 -and $op -in $floorParseOperators) {
                    Add-Finding -Extent $node.ErrorPosition -Rule 'floor-parse-operator' -Message ("$($node.ErrorPosition.Text) needs PowerShell 3.0 to parse; PowerShell 2.0 would stop before the collector's version check")
                }
            }
            'AssignmentStatementAst' {
                $writes.Assignments.Add($node)
                if ([string]$node.Operator -eq 'QuestionQuestionEquals') {
                    Add-Finding -Extent $node.Extent -Rule 'null-coalescing' -Message 'the ??= operator needs PowerShell 7.0; use if ($null -eq ...)'
                }
            }
            'MemberExpressionAst' {
                if ($node.NullConditional) {
                    Test-Member -Node $node -Floor3 $floor3
                }
            }
            'InvokeMemberExpressionAst' {
                $writes.MethodCalls.Add($node)
                Test-Member -Node $node -Floor3 $floor3
            }
            'IndexExpressionAst' {
                if ($node.NullConditional) {
                    Add-Finding -Extent $node.Extent -Rule 'null-conditional' -Message 'the ?[] operator needs PowerShell 7.0; test for $null first'
                }
            }
            'ScriptBlockAst' {
                if ($null -ne $node.CleanBlock) {
                    Add-Finding -Extent $node.CleanBlock.Extent -Rule 'clean-block' -Message 'a clean { } block needs PowerShell 7.3; use try / finally in the end { } block'
                }
            }
            'VariableExpressionAst' {
                $variableName = $node.VariablePath.UserPath
                if ($ps7Variables.ContainsKey($variableName)) {
                    Add-Finding -Extent $node.Extent -Rule 'ps7-variable' -Message ("`$$variableName comes with PowerShell $($ps7Variables[$variableName]); 5.1 does not have it (reading it fails under Set-StrictMode, setting it changes nothing)")
                }
            }
            'StringConstantExpressionAst' {
                if ([string]$node.StringConstantType -like 'DoubleQuoted*' -and $node.Extent.Text.Contains('`') -and $node.Extent.Text -cmatch '(?<!`)(?:``)*`(e|u\{)') {
                    Add-Finding -Extent $node.Extent -Rule 'escape-sequence' -Message ('the escape `' + $Matches[1] + ' needs PowerShell 6.0; 5.1 reads it as the plain letter. Use [char] codes')
                }
            }
            'TypeDefinitionAst' {
                if ($floor3) {
                    Add-Finding -Extent $node.Extent -Rule 'floor-class' -Message ("a class or enum definition ($($node.Name)) needs PowerShell 5.0")
                }
            }
            'UsingStatementAst' {
                if ($floor3) {
                    Add-Finding -Extent $node.Extent -Rule 'floor-using' -Message 'a using statement needs PowerShell 5.0'
                }
            }
            'RedirectionAst' {
                $stream = [string]$node.FromStream
                if (-not $floor3) {
                    # 5.1 has every stream.
                }
                elseif ($stream -eq 'Information') {
                    Add-Finding -Extent $node.Extent -Rule 'floor-information-stream' -Message 'redirecting stream 6 (Information) needs PowerShell 5.0'
                }
                elseif ($stream -in $floor30Streams) {
                    Add-Finding -Extent $node.Extent -Rule 'floor-parse-redirection' -Message ("redirecting the $stream stream ($($node.Extent.Text)) needs PowerShell 3.0 to parse; PowerShell 2.0 would stop before the collector's version check")
                }
            }
        }
    }
    foreach ($command in $commands) {
        Test-Command -Command $command -Definitions $definitions -Writes $writes -Floor3 $item.floor3
    }
}

$sorted = @($findings | Sort-Object -Property @{ Expression = { $_.file } }, @{ Expression = { $_.line } }, @{ Expression = { $_.column } }, @{ Expression = { $_.rule } })
ConvertTo-Json -InputObject ([ordered]@{ files = $files; findings = $sorted; rules = $Rules }) -Depth 5 -Compress
if (@($sorted | Where-Object -FilterScript { $_.severity -eq 'error' }).Count -gt 0) {
    exit 1
}
exit 0
