/**
 * PowerShell source of the collector's unattended mode (-Unattended), for RMM tools, Intune
 * remediations, ConfigMgr scripts and PowerShell remoting: the progress lines are silenced (a
 * Write-Host function shadows the cmdlet), and at the end one compact JSON line goes to stdout and
 * the exit status says what the tool should do:
 *
 * - 0: Windows is activated and none of the script's own checks failed;
 * - 1: a problem: not activated, no product key, or one of the checks below failed;
 * - 2: could not run (the licence state could not be read, or the file could not be written).
 *
 * The script cannot run the diagnosis engine; its checks use only what it already collected:
 * `license-grace` / `license-notification` / `license-unlicensed` (the licence state),
 * `no-product-key`, `kms-renewal-overdue` (an activated KMS client with less than 180 − 2 × 7 days
 * left: two renewals missed, the same limit as fleet-renewal-stopped), `kms-host-unreachable` (the
 * KMS host it uses was checked and no TCP connection opened), `kms-host-not-contacted` (that host is
 * outside the organisation or on this computer, so it was recorded, not checked) and `kms-clock-offset` (that host's
 * clock measured more than 4 hours off). Their names go into `failedChecks`; they are not finding
 * ids: the full diagnosis is `activation-doctor fleet diagnose` over the files. Plain text with no
 * placeholders.
 */
export const PS_UNATTENDED_FUNCTIONS = String.raw`
# ---------------------------------------------------------------------------------------------
# Unattended mode: no progress lines; one JSON summary line; exit 0 activated and no check failed /
# 1 a problem (failedChecks names it) / 2 could not run
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

# Activated KMS clients renew every 7 days for 180 days: below 180 - 2 x 7 days, two renewals were
# missed (KMS.activationValidity, KMS.renewalInterval; the same limit as fleet-renewal-stopped).
$collectorRenewalOverdueMinutes = (180 - 2 * 7) * 24 * 60
# More than 4 hours between client and host clocks fails activation with 0xC004F06C (KMS.maxTimeSkew).
$collectorMaxClockOffsetMs = 4 * 3600 * 1000

function Get-CollectedList {
    # A list the network stage filled in (script scope), or nothing when that stage did not run.
    param([string]$Name)
    $list = $ExecutionContext.SessionState.PSVariable.GetValue($Name)
    if ($null -eq $list) {
        return @()
    }
    return @($list.ToArray())
}

function Get-NtpOffsetMs {
    # The host clock minus this computer's, from a usable SNTP reply (RFC 4330), else $null.
    param($Attempt)
    if ($Attempt.outcome -ne 'reply') {
        return $null
    }
    $reply = [Convert]::FromBase64String($Attempt.reply)
    $request = [Convert]::FromBase64String($Attempt.request)
    if ((Get-NtpReplyKind -Reply $reply -Request $request) -ne 'ok') {
        return $null
    }
    $t1 = Read-NtpTimestamp -Buffer $request -Offset 40
    $t2 = Read-NtpTimestamp -Buffer $reply -Offset 32
    $t3 = Read-NtpTimestamp -Buffer $reply -Offset 40
    return (($t2 - $t1) + ($t3 - $Attempt.t4UnixMs)) / 2
}

function Get-KmsHostChecks {
    # The collector's own checks of the KMS host a KMS client uses: names of those that failed.
    param([string]$KmsHost)
    $failed = @()
    $all = @(Get-CollectedList -Name 'collectorTcp' | Where-Object { [string]$_.host -eq $KmsHost })
    # A host the contact policy kept the script from was not checked: not "unreachable", but a KMS
    # host outside the organisation (or on this computer, as KMS emulators are) is a problem itself.
    $tcp = @($all | Where-Object { $null -eq $_['notContacted'] })
    if ($tcp.Count -lt $all.Count) {
        $failed += 'kms-host-not-contacted'
    }
    if ($tcp.Count -gt 0) {
        $open = @($tcp | ForEach-Object { @($_.attempts) } | Where-Object { $null -ne $_ -and [string]$_.outcome -eq 'open' })
        if ($open.Count -eq 0) {
            $failed += 'kms-host-unreachable'
        }
    }
    foreach ($check in @(Get-CollectedList -Name 'collectorTime' | Where-Object { [string]$_.host -eq $KmsHost })) {
        foreach ($attempt in @($check.attempts)) {
            $offset = $null
            try {
                $offset = Get-NtpOffsetMs -Attempt $attempt
            }
            catch {
                $offset = $null
            }
            if ($null -ne $offset -and [Math]::Abs($offset) -gt $collectorMaxClockOffsetMs) {
                $failed += 'kms-clock-offset'
                return $failed
            }
        }
    }
    return $failed
}

function Get-UnattendedSummary {
    # The summary line's fields and the exit status; the caller prints the line.
    param([int]$ExitCode, [string]$OutPath)
    $summary = [ordered]@{
        format            = 'activation-doctor/collector-summary'
        version           = 1
        computer          = [string]$env:COMPUTERNAME
        verdict           = 'cannot-tell'
        failedChecks      = @()
        licenseStatus     = $null
        reason            = $null
        product           = $null
        partialProductKey = $null
        kmsHost           = $null
        file              = $null
        next              = 'failedChecks are this script''s own checks, not finding ids; for the full diagnosis run: activation-doctor fleet diagnose <folder of these files>'
    }
    $code = 2
    $failed = @()
    $licensing = $null
    if ($script:probeResults.Contains('licensing')) {
        $licensing = $script:probeResults['licensing'].parsed
    }
    if (Test-ProbeValue -Parsed $licensing) {
        $keyed = @(@($licensing.products) | Where-Object { $null -ne $_ -and -not $_.LicenseIsAddon -and -not [string]::IsNullOrEmpty([string]$_.PartialProductKey) })
        # The product, as shared/windows-product.ts picks it: Licensed, then any state but Unlicensed, then the rest.
        $primary = @(@($keyed | Where-Object { $_.LicenseStatus -eq 1 }) + @($keyed | Where-Object { $_.LicenseStatus -ne 0 }) + $keyed) | Select-Object -First 1
        if ($null -eq $primary) {
            $summary.verdict = 'no-product-key'
            $failed += 'no-product-key'
        }
        else {
            $summary.licenseStatus = [int]$primary.LicenseStatus
            if ($null -ne $primary.LicenseStatusReason) {
                $summary.reason = '0x' + ([uint32]([int64]$primary.LicenseStatusReason -band 0xFFFFFFFF)).ToString('X8')
            }
            $summary.product = [string]$primary.Name
            $summary.partialProductKey = [string]$primary.PartialProductKey
            # The KMS host in use (shared/kms-host-settings.ts): set on the product, else machine-wide, else discovered.
            $summary.kmsHost = [string]$primary.KeyManagementServiceMachine
            if ($summary.kmsHost -eq '' -and $null -ne $licensing.service) {
                $summary.kmsHost = [string]$licensing.service.KeyManagementServiceMachine
            }
            if ($summary.kmsHost -eq '') {
                $summary.kmsHost = [string]$primary.DiscoveredKeyManagementServiceMachineName
            }
            if ($summary.kmsHost -eq '') {
                $summary.kmsHost = $null
            }
            if ($primary.LicenseStatus -eq 1) {
                $summary.verdict = 'activated'
            }
            else {
                $summary.verdict = 'not-activated'
                switch ([int]$primary.LicenseStatus) {
                    0 { $failed += 'license-unlicensed' }
                    5 { $failed += 'license-notification' }
                    default { $failed += 'license-grace' }
                }
            }
            $kmsClient = ([string]$primary.Description) -like '*VOLUME_KMSCLIENT*'
            if ($kmsClient -and $primary.LicenseStatus -eq 1 -and $null -ne $primary.GracePeriodRemaining -and [int64]$primary.GracePeriodRemaining -gt 0 -and [int64]$primary.GracePeriodRemaining -lt $collectorRenewalOverdueMinutes) {
                $failed += 'kms-renewal-overdue'
            }
            if ($kmsClient -and $null -ne $summary.kmsHost) {
                $failed += @(Get-KmsHostChecks -KmsHost $summary.kmsHost)
            }
        }
        $code = 1
        if ($summary.verdict -eq 'activated' -and $failed.Count -eq 0) {
            $code = 0
        }
    }
    $summary.failedChecks = @($failed)
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
