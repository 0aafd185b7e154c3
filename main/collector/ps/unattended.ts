/**
 * PowerShell source of the collector's unattended mode (-Unattended), for RMM tools, Intune
 * remediations, ConfigMgr scripts and PowerShell remoting: the progress lines are silenced (a
 * Write-Host function shadows the cmdlet), and at the end one compact JSON line goes to stdout and
 * the exit status says what the tool should do: 0 activated, 1 not activated, 2 could not run
 * (the licence state could not be read, or the file could not be written).
 *
 * The summary carries the licence facts as read (never a diagnosis: the finding ids come from
 * `activation-doctor fleet diagnose` over the files, with the app's own rules). Plain text with no
 * placeholders.
 */
export const PS_UNATTENDED_FUNCTIONS = String.raw`
# ---------------------------------------------------------------------------------------------
# Unattended mode: no progress lines; one JSON summary line; exit 0 activated / 1 not / 2 could not run
# ---------------------------------------------------------------------------------------------

# Defaults the script was generated with (activation-doctor collector --unattended --out-file x), as
# base64 JSON data, for tools that run it without parameters; parameters given when it runs win.
if ($collectorDefaults -ne '') {
    $collectorDefaultValues = ConvertFrom-Json -InputObject ([System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($collectorDefaults)))
    if ($collectorDefaultValues.unattended -eq $true) {
        $Unattended = [switch]$true
    }
    if ($OutFile -eq '' -and -not [string]::IsNullOrEmpty([string]$collectorDefaultValues.outFile)) {
        $OutFile = [string]$collectorDefaultValues.outFile
    }
}

if ($Unattended) {
    function Write-Host {
        # Unattended: stdout carries only the summary line.
    }
}

function Get-UnattendedSummary {
    # The summary line's fields and the exit status; the caller prints the line.
    param([int]$ExitCode, [string]$OutPath)
    $summary = [ordered]@{
        format            = 'activation-doctor/collector-summary'
        version           = 1
        computer          = [string]$env:COMPUTERNAME
        verdict           = 'cannot-tell'
        licenseStatus     = $null
        reason            = $null
        product           = $null
        partialProductKey = $null
        kmsHost           = $null
        file              = $null
    }
    $code = 2
    $licensing = $null
    if ($script:probeResults.Contains('licensing')) {
        $licensing = $script:probeResults['licensing'].parsed
    }
    if (Test-ProbeValue -Parsed $licensing) {
        $keyed = @(@($licensing.products) | Where-Object { $null -ne $_ -and -not $_.LicenseIsAddon -and -not [string]::IsNullOrEmpty([string]$_.PartialProductKey) })
        $primary = @(@($keyed | Where-Object { $_.LicenseStatus -eq 1 }) + $keyed) | Select-Object -First 1
        if ($null -eq $primary) {
            $summary.verdict = 'no-product-key'
            $code = 1
        }
        else {
            $summary.licenseStatus = [int]$primary.LicenseStatus
            if ($null -ne $primary.LicenseStatusReason) {
                $summary.reason = '0x' + ([uint32]([int64]$primary.LicenseStatusReason -band 0xFFFFFFFF)).ToString('X8')
            }
            $summary.product = [string]$primary.Name
            $summary.partialProductKey = [string]$primary.PartialProductKey
            $summary.kmsHost = [string]$primary.KeyManagementServiceMachine
            if ($summary.kmsHost -eq '') {
                $summary.kmsHost = [string]$primary.DiscoveredKeyManagementServiceMachineName
            }
            if ($summary.kmsHost -eq '') {
                $summary.kmsHost = $null
            }
            if ($primary.LicenseStatus -eq 1) {
                $summary.verdict = 'activated'
                $code = 0
            }
            else {
                $summary.verdict = 'not-activated'
                $code = 1
            }
        }
    }
    if ($ExitCode -ne 0) {
        $summary.verdict = 'not-written'
        $code = 2
    }
    else {
        $summary.file = $OutPath
    }
    return @{ summary = $summary; code = $code }
}
`;
