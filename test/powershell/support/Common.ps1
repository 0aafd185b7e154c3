# Shared by every Pester file: the Windows-only command stubs, CIM-shaped objects and errors, and
# the paths of the shipped scripts. Dot-source it in BeforeAll.
#
# What PowerShell 7 on Linux cannot show about Windows PowerShell 5.1 (each test file lists its own):
# real CIM instances (here PSCustomObjects with the captured property names, types and a CimInstance
# type name), a real CimException (here an exception carrying an MSFT_WmiError-shaped ErrorData),
# 5.1's ConvertTo-Json layout (two spaces after colons, \/Date()\/), and the OEM code page console.

$script:RepoRoot = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', '..'))
$script:ProbeDir = [System.IO.Path]::Combine($script:RepoRoot, 'main', 'probes', 'windows')
$script:FixDir = [System.IO.Path]::Combine($script:RepoRoot, 'main', 'fixes', 'windows')
$script:FixtureDir = [System.IO.Path]::Combine($script:RepoRoot, 'test', 'fixtures', 'windows')

. ([System.IO.Path]::Combine($PSScriptRoot, 'WindowsStubs.ps1'))

# NetSecurity's generated enums as 5.1 has them (Microsoft.PowerShell.Cmdletization.GeneratedTypes).
if (-not ('ADTest.Profile' -as [type])) {
    Add-Type -TypeDefinition @'
namespace ADTest {
    [System.Flags] public enum Profile { Any = 0, Domain = 1, Private = 2, Public = 4 }
    public enum Enabled { True = 1, False = 2 }
    public enum Direction { Inbound = 1, Outbound = 2 }
    public enum Action { NotConfigured = 0, Allow = 2, Block = 4 }
    public enum PolicyStoreType { None = 0, Local = 1, GroupPolicy = 2, Dynamic = 3, Generated = 4, Hardcoded = 5 }
    public enum NetworkCategory { Public = 0, Private = 1, DomainAuthenticated = 2 }
}
'@
}

function Get-ProbePath([string]$Name) { [System.IO.Path]::Combine($script:ProbeDir, $Name + '.ps1') }
function Get-FixPath([string]$Name) { [System.IO.Path]::Combine($script:FixDir, $Name + '.ps1') }

# A CIM instance as Get-CimInstance returns it: the class's properties, typed as captured.
function New-CimObject {
    param([string]$ClassName, [System.Collections.IDictionary]$Properties)
    $object = New-Object -TypeName 'PSObject'
    foreach ($key in $Properties.Keys) {
        $object | Add-Member -NotePropertyName $key -NotePropertyValue $Properties[$key]
    }
    $object.PSObject.TypeNames.Insert(0, 'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/' + $ClassName)
    return $object
}

# The error a CIM cmdlet throws: a CimException whose ErrorData is an MSFT_WmiError instance
# (error_Code the real HRESULT as UInt32) and whose own HResult is the generic 0x80131500.
function New-CimErrorRecord {
    param(
        [uint32]$Code,
        [string]$Message,
        [string]$Category = 'NotSpecified',
        [string]$Command = 'InvokeCimMethodCommand'
    )
    $properties = @{}
    $fields = [ordered]@{
        CIMStatusCode = [uint32]1; CIMStatusCodeDescription = $null; error_Category = [uint16]30; error_Code = $Code
        error_Type = 'HRESULT'; error_WindowsErrorMessage = $null; Message = $Message; MessageID = $null; PerceivedSeverity = [uint16]0
    }
    foreach ($name in $fields.Keys) {
        $properties[$name] = [pscustomobject]@{ Name = $name; Value = $fields[$name]; CimType = 'UInt32'; Flags = 'ReadOnly' }
    }
    $data = New-CimObject -ClassName 'MSFT_WmiError' -Properties ([ordered]@{ CimInstanceProperties = $properties })
    $exception = New-Object -TypeName 'System.Exception' -ArgumentList $Message
    $exception | Add-Member -NotePropertyName 'ErrorData' -NotePropertyValue $data
    $id = 'HRESULT 0x' + $Code.ToString('x8') + ',Microsoft.Management.Infrastructure.CimCmdlets.' + $Command
    return New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList $exception, $id, ([System.Management.Automation.ErrorCategory]$Category), $null
}

# What NetSecurity throws when a rule does not exist (windows-output-samples.md 7.1).
function New-NotFoundRecord([string]$Name) {
    $exception = New-Object -TypeName 'System.Exception' -ArgumentList ("No MSFT_NetFirewallRule objects found with property 'Name' equal to '" + $Name + "'.  Verify the value of the property and retry.")
    return New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList $exception, 'CmdletizationQuery_NotFound_Name,Get-NetFirewallRule', ([System.Management.Automation.ErrorCategory]::ObjectNotFound), $Name
}

# Reads test/fixtures/windows/<machine>/<probe>.json (what the probe printed on that machine).
function Read-Fixture([string]$Machine, [string]$Probe) {
    $path = [System.IO.Path]::Combine($script:FixtureDir, $Machine, $Probe + '.json')
    return ConvertFrom-JsonText ([System.IO.File]::ReadAllText($path))
}

# ConvertFrom-Json that keeps dates as the strings they are (PowerShell 7 would make DateTimes;
# Windows PowerShell 5.1 has no -DateKind and always keeps strings).
function ConvertFrom-JsonText([string]$Text) {
    if ((Get-Command -Name 'ConvertFrom-Json').Parameters.ContainsKey('DateKind')) {
        return $Text | ConvertFrom-Json -DateKind String
    }
    return $Text | ConvertFrom-Json
}

# The base64 JSON parameters, as the runner passes them.
function ConvertTo-ArgsBase64($Value) {
    $json = ConvertTo-Json -InputObject $Value -Depth 6 -Compress
    return [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($json))
}

# Exactly one JSON document, parsed.
function Read-SingleJson($Output) {
    $items = @($Output)
    if ($items.Count -ne 1) { throw ('expected one JSON document, got ' + $items.Count + ' output objects') }
    return ConvertFrom-JsonText ([string]$items[0])
}

# Placeholders for the scripts' own boundary functions, so Pester can Mock them before the script
# defines them (a mock wins over the script's definition): the Windows token check in elevation.ps1,
# and the prologue's system folder (stand-in programs for w32tm.exe and sc.exe live elsewhere).
foreach ($boundary in @('Test-Administrator', 'Get-SystemExecutable', 'Get-SystemDirectory')) {
    if (-not (Get-Command -Name $boundary -ErrorAction SilentlyContinue)) {
        $null = New-Item -Path ('function:global:' + $boundary) -Value ([scriptblock]::Create("param([string]`$Name) throw '$boundary`: mock it'"))
    }
}

# The PowerShell this suite runs in, to start another like it: $env:AD_PWSH (set by
# scripts/pester.mjs), powershell.exe under Windows PowerShell, else the repository's .tools/pwsh.
function Get-ShellPath {
    if (-not [string]::IsNullOrEmpty($env:AD_PWSH)) { return $env:AD_PWSH }
    if ($PSVersionTable.PSEdition -eq 'Desktop') { return 'powershell.exe' }
    return [System.IO.Path]::Combine($script:RepoRoot, '.tools', 'pwsh', 'pwsh')
}
