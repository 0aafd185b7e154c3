/**
 * PowerShell source of the fan-out: runs the collector script on many computers through
 * PowerShell remoting and prints one JSON line per computer as each one finishes.
 *
 *   WinRM (Windows):  Invoke-Command -ComputerName <all> -ThrottleLimit N [-Credential]
 *   SSH (PowerShell 7, used by the tests here):  Invoke-Command -HostName <one> -KeyFilePath ...
 *     for each computer, N at a time (ForEach-Object -Parallel -ThrottleLimit N), because the SSH
 *     parameter sets of Invoke-Command have no -ThrottleLimit.
 *
 * On each computer the same remote block runs the collector in a nested PowerShell (its `exit`
 * ends only that), writes the document to a temporary file there, reads it back and deletes it.
 *
 * Constant text with no placeholders: every value (computer names, the collector script's text,
 * the options) arrives as base64-encoded JSON in a file named by -ArgsFile, and is used as data.
 */
export const FAN_OUT_SCRIPT = String.raw`[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)]
    [string]$ArgsFile
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
try {
    [Console]::OutputEncoding = New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false
}
catch {
    $null = $_
}

$fanOut = ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String(([System.IO.File]::ReadAllText($ArgsFile)).Trim())))

# Runs on each computer.
$remoteText = @'
param([string]$CollectorText, [int]$TimeoutMs)
$outPath = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'activation-doctor-' + [guid]::NewGuid().ToString('N') + '.json')
$nested = [powershell]::Create()
try {
    $null = $nested.AddScript($CollectorText).AddParameter('OutFile', $outPath).AddParameter('TimeoutMs', $TimeoutMs).AddParameter('Unattended', $true)
    $summary = @($nested.Invoke() | ForEach-Object { [string]$_ }) -join ' '
    if (-not [System.IO.File]::Exists($outPath)) {
        $problem = @($nested.Streams.Error | ForEach-Object { [string]$_ }) -join ' '
        throw ('ActivationDoctorCollectorFailed: the collector wrote no file. ' + $problem)
    }
    [pscustomobject]@{ activationDoctorDocument = [System.IO.File]::ReadAllText($outPath); activationDoctorSummary = $summary }
}
finally {
    $nested.Dispose()
    if ([System.IO.File]::Exists($outPath)) {
        [System.IO.File]::Delete($outPath)
    }
}
'@

function Get-FailureKind {
    param($Record)
    $exception = $Record.Exception
    $code = 0
    if ($null -ne $exception -and $null -ne $exception.PSObject.Properties['ErrorCode']) {
        $code = [int64]$exception.ErrorCode
    }
    $text = [string]$Record.FullyQualifiedErrorId + ' ' + [string]$exception.Message
    if ($text -match 'ActivationDoctorCollectorFailed') { return 'collector-failed' }
    if ($code -eq 5 -or $text -match 'AccessDenied|Access is denied|Permission denied') { return 'access-denied' }
    if ($code -eq -2144108103 -or $code -eq -2146893039 -or $text -match 'ComputerNotFound|cannot be resolved|Could not resolve hostname|Name or service not known|No such host') { return 'name-not-found' }
    if ($code -eq -2144108503 -or $text -match 'timed out|time out|TimedOut|Timeout') { return 'timed-out' }
    if ($text -match 'Connection refused') { return 'refused' }
    if ($code -eq -2144108250 -or $code -eq -2144108526 -or $code -eq 53 -or $text -match 'CannotConnect|WinRM cannot complete the operation|firewall exception for the WinRM service') { return 'winrm-off' }
    return 'failed'
}

function Find-SocketError {
    param($Exception)
    while ($null -ne $Exception) {
        if ($Exception -is [System.Net.Sockets.SocketException]) { return [string]$Exception.SocketErrorCode }
        if ($Exception -is [System.AggregateException] -and $Exception.InnerExceptions.Count -gt 0) { $Exception = $Exception.InnerExceptions[0] }
        else { $Exception = $Exception.InnerException }
    }
    return ''
}

function Test-Reachability {
    # When remoting gives no reason (the SSH client only says its process ended), ask the network:
    # does the name resolve, and does the remoting port answer, refuse, or stay silent?
    param([string]$Computer)
    try {
        $null = [System.Net.Dns]::GetHostAddresses($Computer)
    }
    catch {
        return 'name-not-found'
    }
    $port = 5985
    if ($fanOut.transport -ne 'winrm') { $port = [int]$fanOut.port }
    $client = New-Object -TypeName 'System.Net.Sockets.TcpClient'
    try {
        $task = $client.ConnectAsync($Computer, $port)
        if (-not $task.Wait([int]$fanOut.connectTimeoutMs)) { return 'timed-out' }
        return 'failed'
    }
    catch {
        $socketError = Find-SocketError -Exception $_.Exception
        if ($socketError -eq 'ConnectionRefused') {
            if ($fanOut.transport -eq 'winrm') { return 'winrm-off' }
            return 'refused'
        }
        if ($socketError -eq 'TimedOut') { return 'timed-out' }
        if ($socketError -eq 'HostNotFound' -or $socketError -eq 'NoData') { return 'name-not-found' }
        return 'failed'
    }
    finally {
        $client.Dispose()
    }
}

function Write-Outcome {
    param([string]$Computer, $Value, $Record)
    $line = [ordered]@{ computer = $Computer; ok = $false; kind = $null; message = $null; document = $null; summary = $null }
    if ($null -ne $Record) {
        $line.kind = Get-FailureKind -Record $Record
        if ($line.kind -eq 'failed' -and $Record.Exception -is [System.Management.Automation.Remoting.PSRemotingTransportException]) {
            $line.kind = Test-Reachability -Computer $Computer
        }
        $line.message = ([string]$Record.Exception.Message -replace '\s+', ' ').Trim()
    }
    elseif ($null -ne $Value -and $null -ne $Value.PSObject.Properties['activationDoctorDocument']) {
        $line.ok = $true
        $line.document = [string]$Value.activationDoctorDocument
        $line.summary = [string]$Value.activationDoctorSummary
    }
    else {
        $line.kind = 'failed'
        $line.message = 'the computer answered with something that is not a collector document'
    }
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject $line -Compress -Depth 3))
    [Console]::Out.Flush()
}

function Get-RecordComputer {
    param($Record)
    if ($null -ne $Record.OriginInfo -and -not [string]::IsNullOrEmpty($Record.OriginInfo.PSComputerName)) { return [string]$Record.OriginInfo.PSComputerName }
    $target = $Record.TargetObject
    if ($null -ne $target -and $null -ne $target.PSObject.Properties['ComputerName']) { return [string]$target.ComputerName }
    return [string]$target
}

$computers = @($fanOut.computers | ForEach-Object { [string]$_ })
$throttle = [int]$fanOut.throttle
$collectorText = [string]$fanOut.collector
$timeoutMs = [int]$fanOut.timeoutMs

if ($fanOut.transport -eq 'winrm') {
    $invoke = @{
        ComputerName  = $computers
        ThrottleLimit = $throttle
        ScriptBlock   = [scriptblock]::Create($remoteText)
        ArgumentList  = @($collectorText, $timeoutMs)
        ErrorAction   = 'Continue'
    }
    if ($fanOut.credential) {
        $invoke['Credential'] = Get-Credential -Message 'Activation Doctor: account for PowerShell remoting to the computers'
    }
    Invoke-Command @invoke 2>&1 | ForEach-Object {
        if ($_ -is [System.Management.Automation.ErrorRecord]) {
            Write-Outcome -Computer (Get-RecordComputer -Record $_) -Value $null -Record $_
        }
        else {
            Write-Outcome -Computer ([string]$_.PSComputerName) -Value $_ -Record $null
        }
    }
}
else {
    $ssh = @{
        UserName          = [string]$fanOut.userName
        KeyFilePath       = [string]$fanOut.keyFilePath
        Port              = [int]$fanOut.port
        # The whole start of a session, the remote PowerShell included; ssh's own ConnectTimeout
        # bounds the TCP connect, so a silent computer fails fast.
        ConnectingTimeout = [int]$fanOut.sessionTimeoutMs
        Options           = @{ BatchMode = 'yes'; StrictHostKeyChecking = 'yes'; UserKnownHostsFile = [string]$fanOut.knownHostsFile; LogLevel = 'ERROR'; ConnectTimeout = [string][math]::Ceiling([int]$fanOut.connectTimeoutMs / 1000) }
    }
    if ($PSVersionTable.PSVersion.Major -lt 7) {
        throw 'PowerShell remoting over SSH needs PowerShell 7 (pwsh); Windows PowerShell uses WinRM.'
    }
    # Built from text here, so Windows PowerShell 5.1 (the WinRM path) never parses -Parallel or $using:.
    $perComputer = [scriptblock]::Create(@'
        $computer = $_
        $sshParams = $using:ssh
        try {
            $value = Invoke-Command @sshParams -HostName $computer -ScriptBlock ([scriptblock]::Create($using:remoteText)) -ArgumentList @($using:collectorText, $using:timeoutMs) -ErrorAction Stop
            [pscustomobject]@{ computer = $computer; value = $value; record = $null }
        }
        catch {
            [pscustomobject]@{ computer = $computer; value = $null; record = $_ }
        }
'@)
    $computers | ForEach-Object -ThrottleLimit $throttle -Parallel $perComputer | ForEach-Object {
        Write-Outcome -Computer $_.computer -Value $_.value -Record $_.record
    }
}
`;
