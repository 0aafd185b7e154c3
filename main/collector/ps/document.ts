/**
 * PowerShell source of the collector script: capturing each embedded probe's output, the lines
 * the technician sees, and the one JSON document the script writes.
 *
 * The document is ConvertTo-Json of everything the script measured, with the probes' own JSON
 * spliced in under "raw" exactly as they printed it (read back once with ConvertFrom-Json to
 * prove it is JSON), so Activation Doctor parses the very text its own runner would have seen.
 *
 * Plain text with no template placeholders: nothing from outside ever goes into it.
 */
export const PS_DOCUMENT_FUNCTIONS = String.raw`
# ---------------------------------------------------------------------------------------------
# Probe output, progress lines and the document
# ---------------------------------------------------------------------------------------------

$script:probeResults = [ordered]@{}
$script:probeDurations = [ordered]@{}

function Show-Line {
    param([string]$Text)
    Write-Host ('  ' + $Text)
}

function Get-Excerpt {
    param([string]$Text, [int]$Max)
    $line = ($Text -replace '\s+', ' ').Trim()
    if ($line.Length -gt $Max) {
        $line = $line.Substring(0, $Max - 3) + '...'
    }
    return $line
}

function New-ProbeFailure {
    # An error in the probes' own envelope, for a probe that printed something unusable.
    param([string]$Message, [string]$ErrorId)
    $envelope = [ordered]@{ error = [ordered]@{ kind = 'failed'; message = $Message; hresult = $null; errorId = $ErrorId; category = $null } }
    $text = ConvertTo-Json -InputObject $envelope -Depth 4
    return @{ text = $text; parsed = (ConvertFrom-Json -InputObject $text) }
}

function Read-ProbeOutput {
    param([string]$Name, [object[]]$Output)
    $lines = @($Output | ForEach-Object { [string]$_ })
    $text = ([string]::Join([Environment]::NewLine, [string[]]$lines)).Trim()
    if ($text -eq '') {
        return New-ProbeFailure -Message ($Name + '.ps1 printed nothing; it should print one JSON document') -ErrorId 'CollectorProbePrintedNothing'
    }
    try {
        $parsed = ConvertFrom-Json -InputObject $text -ErrorAction Stop
    }
    catch {
        return New-ProbeFailure -Message ($Name + '.ps1 printed something that is not JSON: "' + (Get-Excerpt -Text $text -Max 120) + '"') -ErrorId 'CollectorProbePrintedNonJson'
    }
    return @{ text = $text; parsed = $parsed }
}

function Save-ProbeResult {
    param([string]$Key, [string]$Title, $Probe, $Watch)
    $script:probeResults[$Key] = $Probe
    $script:probeDurations[$Key] = Get-ElapsedMs -Watch $Watch
    $status = 'read'
    $parsed = $Probe.parsed
    if ($null -ne $parsed -and $parsed -isnot [System.Array] -and $null -ne $parsed.PSObject.Properties['error']) {
        $status = 'NOT READ (' + [string]$parsed.error.kind + '): ' + (Get-Excerpt -Text ([string]$parsed.error.message) -Max 100)
    }
    Show-Line -Text ($Title + ': ' + $status)
}

function Show-StageFailure {
    param([string]$Stage, $Record)
    Show-Line -Text ($Stage + ' stopped early: ' + (Get-Excerpt -Text ([string]$Record.Exception.Message) -Max 160))
}

function Get-SrvSummary {
    param($Lookup)
    if ($Lookup.status -ne 'answered') {
        return 'no answer: ' + (Get-Excerpt -Text ([string]$Lookup.message) -Max 100)
    }
    $records = @($Lookup.records)
    if ($records.Count -eq 0) {
        return 'the name exists but holds no SRV records'
    }
    $texts = @($records | ForEach-Object { $_.target + ':' + $_.port })
    return [string]$records.Count + ' record(s): ' + [string]::Join(', ', [string[]]$texts)
}

function Get-TcpSummary {
    param($Check)
    $attempts = @($Check.attempts)
    if (@($Check.resolve.addresses).Count -eq 0) {
        return 'does not resolve'
    }
    foreach ($attempt in $attempts) {
        if ($attempt.outcome -eq 'open') {
            return 'open at ' + $attempt.address
        }
    }
    if ($attempts.Count -eq 0) {
        return 'no time left to connect'
    }
    $last = $attempts[$attempts.Count - 1]
    if ($last.outcome -eq 'timed-out') {
        return 'no answer (timed out: a firewall drops the packets, or the host is down)'
    }
    if ($last.socketError -eq 'ConnectionRefused') {
        return 'refused: the host is up, but nothing listens on that port'
    }
    return 'failed: ' + [string]$last.socketError + ' ' + (Get-Excerpt -Text ([string]$last.message) -Max 80)
}

function Get-TimeSummary {
    param($Check)
    $attempts = @($Check.attempts)
    if (@($Check.resolve.addresses).Count -eq 0) {
        return 'does not resolve'
    }
    if ($attempts.Count -eq 0) {
        return 'no time left to ask'
    }
    $last = $attempts[$attempts.Count - 1]
    if ($last.outcome -eq 'reply') {
        if ((Get-NtpReplyKind -Reply ([Convert]::FromBase64String($last.reply)) -Request ([Convert]::FromBase64String($last.request))) -eq 'ok') {
            return Get-NtpOffsetText -Attempt $last
        }
        return 'an answer that cannot be used'
    }
    if ($last.outcome -eq 'no-answer') {
        return 'no time answer (many KMS hosts run no NTP server)'
    }
    return 'failed: ' + [string]$last.socketError + ' ' + (Get-Excerpt -Text ([string]$last.message) -Max 80)
}

function ConvertTo-CollectorJson {
    # ConvertTo-Json of the document, then the probes' own JSON text under "raw", unchanged.
    param($Document, [string[]]$Keys)
    $newline = [Environment]::NewLine
    $envelope = (ConvertTo-Json -InputObject $Document -Depth 12).TrimEnd()
    $parts = New-Object -TypeName 'System.Collections.Generic.List[string]'
    foreach ($key in $Keys) {
        $parts.Add('        "' + $key + '":  ' + $script:probeResults[$key].text)
    }
    $head = $envelope.Substring(0, $envelope.Length - 1).TrimEnd()
    return $head + ',' + $newline + '    "raw":  {' + $newline + [string]::Join(',' + $newline, $parts.ToArray()) + $newline + '            }' + $newline + '}' + $newline
}
`;
