/**
 * PowerShell source of the collector script: the parameters, the start-up checks, the choice
 * between CIM and WMI, the network run and the writing of the file. The probe scripts themselves
 * are embedded between PS_START and PS_NETWORK_RUN by script.ts.
 *
 * Plain text with no template placeholders: the only values script.ts adds (the version, the
 * probe scripts and their base64 parameters) are our own, inserted as checked literals.
 */

/** The script's parameters; [CmdletBinding()] makes PowerShell reject any other. */
export const PS_PARAM_BLOCK = String.raw`[CmdletBinding()]
param(
    # Also check this KMS host: a name, an IPv4 address or [IPv6]:port; port 1688 by default.
    [string]$KmsHost = '',
    # Also search this DNS domain for _vlmcs._tcp records.
    [string]$Domain = '',
    # Where to write the result: a file, or a folder (default: .\activation-doctor-<COMPUTERNAME>-<yyyyMMdd-HHmmss>.json).
    [string]$OutFile = '',
    # Time limit of each network check, in milliseconds (100 to 120000).
    [int]$TimeoutMs = 3000,
    # For RMM, Intune, ConfigMgr and remoting: no progress lines, one JSON summary line, exit 0/1/2.
    [switch]$Unattended
)
`;

/**
 * Runs before anything else. Written so that PowerShell 2.0 can still parse the whole script
 * (no -shl/-shr, -in, *> or other 3.0 syntax anywhere) and reaches this check to say why it stops.
 */
export const PS_PREAMBLE = String.raw`
$ProgressPreference = 'SilentlyContinue'
# Each step catches its own failures; 'Continue' keeps anything unforeseen from stopping the rest.
$ErrorActionPreference = 'Continue'

if ($PSVersionTable.PSVersion.Major -lt 3) {
    $Host.UI.WriteErrorLine('activation-doctor collector: this script needs PowerShell 3.0 or newer; this is PowerShell ' + $PSVersionTable.PSVersion + '. Install Windows Management Framework 3.0 or newer (5.1 recommended; it needs .NET Framework 4.5), then run it again.')
    exit 2
}
`;

/** Checks the parameters before anything is read, and decides where the file goes. */
export const PS_VALIDATION = String.raw`
# ---------------------------------------------------------------------------------------------
# Parameters: checked before anything is read; a bad one stops the script with exit status 2.
# ---------------------------------------------------------------------------------------------

if ($TimeoutMs -lt 100 -or $TimeoutMs -gt 120000) {
    $Host.UI.WriteErrorLine('activation-doctor collector: -TimeoutMs must be from 100 to 120000 milliseconds (got ' + $TimeoutMs + ').')
    exit 2
}

$collectorKmsTarget = $null
$collectorKmsOption = $null
if ($KmsHost -ne '') {
    $collectorKmsTarget = ConvertFrom-KmsTarget -Text $KmsHost
    if (-not $collectorKmsTarget.ok) {
        $Host.UI.WriteErrorLine('activation-doctor collector: -KmsHost ''' + (Get-Printable -Text $KmsHost) + ''' is not a KMS host: ' + $collectorKmsTarget.problem + '. Examples: kms01.corp.example, kms01.corp.example:1688, 10.0.0.5, [2001:db8::5]:1688.')
        exit 2
    }
    $collectorKmsOption = Format-KmsTarget -Target $collectorKmsTarget
}

$collectorDomainOption = $null
if ($Domain -ne '') {
    $collectorDomain = ConvertFrom-DomainText -Text $Domain
    if (-not $collectorDomain.ok) {
        $Host.UI.WriteErrorLine('activation-doctor collector: -Domain ''' + (Get-Printable -Text $Domain) + ''' is not a DNS domain: ' + $collectorDomain.problem + '. Example: corp.example.')
        exit 2
    }
    $collectorDomainOption = $collectorDomain.domain
}

$collectorComputer = ([string]$env:COMPUTERNAME) -replace '[^A-Za-z0-9-]', '_'
if ($collectorComputer -eq '') {
    $collectorComputer = 'computer'
}
$collectorStamp = [DateTime]::Now.ToString('yyyyMMdd-HHmmss', [System.Globalization.CultureInfo]::InvariantCulture)
$collectorDefaultName = 'activation-doctor-' + $collectorComputer + '-' + $collectorStamp + '.json'
$collectorFileName = $OutFile
if ($OutFile -eq '') {
    $collectorFileName = $collectorDefaultName
}
elseif ($OutFile -match '[\x00-\x1F\x7F]') {
    $Host.UI.WriteErrorLine('activation-doctor collector: -OutFile contains a control character; give a plain file name or path.')
    exit 2
}
try {
    # Relative to the current PowerShell location, which .NET's current directory need not be.
    $collectorOutPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($collectorFileName)
    $collectorOutDir = [System.IO.Path]::GetDirectoryName($collectorOutPath)
}
catch {
    $Host.UI.WriteErrorLine('activation-doctor collector: -OutFile ''' + (Get-Printable -Text $OutFile) + ''' is not a usable file path: ' + $_.Exception.Message)
    exit 2
}
if ([string]::IsNullOrEmpty($collectorOutDir) -or -not [System.IO.Directory]::Exists($collectorOutDir)) {
    $Host.UI.WriteErrorLine('activation-doctor collector: the folder for ' + $collectorOutPath + ' does not exist; create it or give another -OutFile.')
    exit 2
}
if ([System.IO.Directory]::Exists($collectorOutPath)) {
    # A folder (a share for a whole fleet): the file gets the default name inside it.
    $collectorOutPath = [System.IO.Path]::Combine($collectorOutPath, $collectorDefaultName)
}
`;

/**
 * CIM where it works; otherwise a Get-CimInstance function over Get-WmiObject, which PowerShell
 * prefers to the cmdlet, so the embedded probes run unchanged. WMI gives datetime properties as
 * DMTF text where CIM gives DateTime: the function converts them, so the probes see what CIM gives.
 */
export const PS_FACTS_VIA = String.raw`
# ---------------------------------------------------------------------------------------------
# Windows facts through CIM, or through WMI where CIM does not work
# ---------------------------------------------------------------------------------------------

$collectorFactsVia = 'cim'
try {
    $null = Get-CimInstance -ClassName 'Win32_OperatingSystem' -ErrorAction Stop
}
catch {
    $collectorFactsVia = 'wmi'
}

if ($collectorFactsVia -eq 'cim') {
    # A guard against a hung WMI only: a healthy one answers these queries within seconds.
    $PSDefaultParameterValues = @{ 'Get-CimInstance:OperationTimeoutSec' = 120 }
}
else {
    # No defaults from a profile: the function below has only the parameters the probes use.
    $PSDefaultParameterValues = @{}
    function Get-CimInstance {
        [CmdletBinding()]
        param(
            [Parameter(Mandatory = $true)]
            [string]$ClassName,
            [string]$Filter = '',
            # Accepted and not used: WMI reads every property (a missing one would fail the query).
            [string[]]$Property = @()
        )
        $query = @{ Class = $ClassName; ErrorAction = 'Stop' }
        if ($Filter -ne '') {
            $query['Filter'] = $Filter
        }
        foreach ($instance in @(Get-WmiObject @query)) {
            $copy = [ordered]@{}
            foreach ($property in $instance.psbase.Properties) {
                $value = $property.Value
                if ($null -ne $value -and [string]$property.Type -eq 'DateTime' -and -not $property.IsArray) {
                    try {
                        $value = [System.Management.ManagementDateTimeConverter]::ToDateTime([string]$value)
                    }
                    catch {
                        $value = $null
                    }
                }
                $copy[$property.Name] = $value
            }
            New-Object -TypeName 'PSObject' -Property $copy
        }
    }
}
`;

/** The start of the run: the banner, and the console encoding the probes change, saved. */
export const PS_START = String.raw`
# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------

$collectorTakenAt = [DateTime]::UtcNow.ToString('o')
$collectorWatch = [System.Diagnostics.Stopwatch]::StartNew()
$collectorExitCode = 0
# The probes set the console to UTF-8 for their own output; the technician's console gets its
# encoding back at the end (cmd.exe on Windows 7 misbehaves in code page 65001).
$collectorSavedEncoding = $null
try {
    $collectorSavedEncoding = [Console]::OutputEncoding
}
catch {
    $collectorSavedEncoding = $null
}

Write-Host ('Activation Doctor collector ' + $collectorVersion + ' on ' + $env:COMPUTERNAME + ' (PowerShell ' + $PSVersionTable.PSVersion + ', Windows facts through ' + $collectorFactsVia.ToUpperInvariant() + ')')
try {
`;

/** After the probes: candidates, the network checks, the document, the file. */
export const PS_NETWORK_RUN = String.raw`
    $collectorElevation = $script:probeResults['elevation'].parsed
    if ((Test-ProbeValue -Parsed $collectorElevation) -and $collectorElevation.elevated -eq $false) {
        Show-Line -Text 'Note: not running as administrator; some facts may be missing. For a complete picture, run it from an elevated PowerShell (Run as administrator).'
    }

    # Each stage below catches its own failure, so whatever was measured is still written.

    # --- What to check: the same sources as Activation Doctor ------------------------------------
    $collectorNtpPort = 123
    try {
        if ($null -ne $collectorKmsTarget) {
            Add-KmsCandidate -HostName $collectorKmsTarget.host -Port $collectorKmsTarget.port -Source 'option'
        }
        if ($null -ne $collectorDomainOption) {
            Add-SrvDomain -Value $collectorDomainOption -Source 'option'
        }
        Add-LicensingCandidate -Licensing $script:probeResults['licensing'].parsed
        Add-NetworkConfigDomain -Config $script:probeResults['networkConfig'].parsed
        Add-EventCandidate -Events $script:probeResults['events'].parsed
    }
    catch {
        Show-StageFailure -Stage 'Finding the KMS hosts and DNS domains to check' -Record $_
    }

    # --- DNS SRV records --------------------------------------------------------------------------
    $collectorSrv = New-Object -TypeName 'System.Collections.Generic.List[object]'
    $collectorSrvAvailable = $null -ne (Get-Command -Name 'Resolve-DnsName' -ErrorAction SilentlyContinue)
    $collectorSrvDetail = $null
    if ($collectorSrvAvailable) {
        try {
            foreach ($collectorSearch in $script:srvDomains.ToArray()) {
                $collectorLookup = Find-KmsSrvRecord -SearchDomain $collectorSearch.domain -Sources $collectorSearch.sources.ToArray() -TimeoutMs $TimeoutMs
                $collectorSrv.Add($collectorLookup)
                Show-Line -Text ('DNS _vlmcs._tcp.' + $collectorSearch.domain + ': ' + (Get-SrvSummary -Lookup $collectorLookup))
                foreach ($collectorRecord in @($collectorLookup.records)) {
                    if ($collectorRecord.target -ne '' -and $collectorRecord.target -ne '.' -and $collectorRecord.port -gt 0) {
                        Add-KmsCandidate -HostName $collectorRecord.target -Port $collectorRecord.port -Source 'srv'
                    }
                }
            }
        }
        catch {
            Show-StageFailure -Stage 'The DNS SRV lookups' -Record $_
        }
    }
    else {
        $collectorSrvDetail = 'Resolve-DnsName is not available on this version of Windows (it came with Windows 8 and Windows Server 2012), so the _vlmcs._tcp records were not looked up from this computer.'
        Show-Line -Text ('DNS _vlmcs._tcp records: not checked. ' + $collectorSrvDetail)
    }

    # --- TCP to every KMS host this computer may contact (legitimate licensing only) --------------
    $collectorTcp = New-Object -TypeName 'System.Collections.Generic.List[object]'
    # Hosts that may not be contacted: recorded, never looked up, never sent a packet (TCP or UDP).
    $collectorOrgDomains = @()
    try {
        $collectorOrgDomains = @(Get-OrganisationDomain -Config $script:probeResults['networkConfig'].parsed)
        foreach ($collectorCandidate in $script:kmsCandidates.ToArray()) {
            $collectorDecision = Get-ContactDecision -HostName $collectorCandidate.host -Sources $collectorCandidate.sources.ToArray() -OrgDomains $collectorOrgDomains
            if (-not $collectorDecision.contact) {
                $collectorCheck = New-NotContactedCheck -Candidate $collectorCandidate -Reason $collectorDecision.reason
                $collectorTcp.Add($collectorCheck)
                Show-Line -Text ('TCP ' + $collectorCandidate.host + ':' + $collectorCandidate.port + ': ' + $collectorCheck.resolve.message)
                continue
            }
            $collectorCheck = Test-KmsHostPort -Candidate $collectorCandidate -TimeoutMs $TimeoutMs
            $collectorTcp.Add($collectorCheck)
            Show-Line -Text ('TCP ' + $collectorCandidate.host + ':' + $collectorCandidate.port + ': ' + (Get-TcpSummary -Check $collectorCheck))
        }
        if ($script:kmsCandidates.Count -eq 0) {
            Show-Line -Text 'KMS hosts: none found to check (none configured, discovered or in DNS); give one with -KmsHost.'
        }
    }
    catch {
        Show-StageFailure -Stage 'The TCP checks' -Record $_
    }

    # --- The clock offset to each KMS host (once per host, whatever its ports) ---------------------
    $collectorTime = New-Object -TypeName 'System.Collections.Generic.List[object]'
    try {
        $collectorTimed = @{}
        foreach ($collectorCandidate in $script:kmsCandidates.ToArray()) {
            if ($collectorTimed.ContainsKey($collectorCandidate.host) -or $collectorTime.Count -ge 64) {
                continue
            }
            # Decided again here, so a failure of the TCP stage cannot let a host through.
            if (-not (Get-ContactDecision -HostName $collectorCandidate.host -Sources $collectorCandidate.sources.ToArray() -OrgDomains $collectorOrgDomains).contact) {
                continue
            }
            $collectorTimed[$collectorCandidate.host] = $true
            $collectorCheck = Test-TimeHost -Candidate $collectorCandidate -Port $collectorNtpPort -TimeoutMs $TimeoutMs
            $collectorTime.Add($collectorCheck)
            Show-Line -Text ('Time ' + $collectorCandidate.host + ' (UDP ' + $collectorNtpPort + '): ' + (Get-TimeSummary -Check $collectorCheck))
        }
    }
    catch {
        Show-StageFailure -Stage 'The clock checks' -Record $_
    }

    # --- The document and the file ----------------------------------------------------------------
    $collectorDocument = [ordered]@{
        format          = 'activation-doctor/collector'
        version         = $collectorFormatVersion
        takenAt         = $collectorTakenAt
        generator       = [ordered]@{ name = 'activation-doctor'; version = $collectorVersion }
        computerName    = $env:COMPUTERNAME
        psVersion       = [string]$PSVersionTable.PSVersion
        windowsFactsVia = $collectorFactsVia
        options         = [ordered]@{ kmsHost = $collectorKmsOption; domain = $collectorDomainOption; ntpPort = $collectorNtpPort; timeoutMs = $TimeoutMs }
        durationsMs     = $script:probeDurations
        network         = [ordered]@{
            srvAvailable = $collectorSrvAvailable
            srvDetail    = $collectorSrvDetail
            srv          = $collectorSrv.ToArray()
            tcp          = $collectorTcp.ToArray()
            time         = $collectorTime.ToArray()
        }
        durationMs      = Get-ElapsedMs -Watch $collectorWatch
    }
    try {
        $collectorJson = ConvertTo-CollectorJson -Document $collectorDocument -Keys $collectorProbeKeys
        # UTF-8 without a byte-order mark, whatever this PowerShell's defaults are.
        $collectorEncoding = New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false
        [System.IO.File]::WriteAllText($collectorOutPath, $collectorJson, $collectorEncoding)
        Write-Host ('Wrote ' + $collectorOutPath)
        Write-Host 'Bring this file back and run: activation-doctor diagnose --snapshot <file> (or open it in Activation Doctor).'
    }
    catch {
        $Host.UI.WriteErrorLine('activation-doctor collector: could not write ' + $collectorOutPath + ': ' + $_.Exception.Message)
        $collectorExitCode = 1
    }
}
finally {
    if ($null -ne $collectorSavedEncoding) {
        try {
            [Console]::OutputEncoding = $collectorSavedEncoding
        }
        catch {
            $collectorSavedEncoding = $null
        }
    }
}
if ($Unattended) {
    $collectorUnattended = Get-UnattendedSummary -ExitCode $collectorExitCode -OutPath $collectorOutPath
    ConvertTo-Json -InputObject $collectorUnattended.summary -Compress -Depth 4
    $collectorExitCode = $collectorUnattended.code
}
exit $collectorExitCode
`;
