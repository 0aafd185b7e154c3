<#
  Activation Doctor fix operations on Windows Time: resync, read the current configuration,
  sync from one peer (the KMS host) and restore a recorded configuration. Success is read from
  w32tm.exe's exit code, never from its (localized) text. Parameters arrive as base64 JSON.
  Windows PowerShell 5.1.
#>
param(
    [string]$ArgsBase64
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
$prologuePath = [System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1')
if (-not [System.IO.File]::Exists($prologuePath)) {
    # A source checkout keeps the fix operations apart from the probes and their prologue.
    $prologuePath = [System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'probes', 'windows', '_prologue.ps1')
}
. $prologuePath

$ParametersKey = 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\Parameters'
# A W32Time that has just started has no time sample yet, and /resync fails at once ("no time
# data was available"): wait 1, 2, 4, 8 and 15 seconds between attempts, 30 seconds at most.
$ResyncDelaysMs = @(1000, 2000, 4000, 8000, 15000)
$ResyncBudgetMs = 30000

function Read-TimeConfig {
    $values = Get-ItemProperty -LiteralPath $ParametersKey
    return [ordered]@{ type = [string](Get-ValueOrNull -InputObject $values -Name 'Type'); ntpServer = [string](Get-ValueOrNull -InputObject $values -Name 'NtpServer') }
}

# Runs w32tm.exe from the system folder and returns its exit code (w32tm's text is localized and
# discarded; the exit code is 0 or an HRESULT).
function Invoke-W32tm {
    param(
        [string[]]$Arguments
    )
    $w32tm = Get-SystemExecutable -Name 'w32tm.exe'
    # 'Continue' here: Windows PowerShell 5.1 turns a native program's stderr into a terminating
    # error under 'Stop'; only the exit code counts.
    $ErrorActionPreference = 'Continue'
    $null = & $w32tm @Arguments 2>$null
    return [int]$LASTEXITCODE
}

function Assert-ExitCode {
    param(
        [string]$Step,
        [int]$ExitCode
    )
    if ($ExitCode -ne 0) {
        throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList ('w32tm ' + $Step + ' failed with exit code ' + $ExitCode), $ExitCode)
    }
}

# /resync /rediscover, retried with back-off until it succeeds or the budget is spent. Returns
# every attempt; the last one is what finally happened.
function Invoke-Resync {
    param(
        [int[]]$DelaysMs,
        [int]$BudgetMs
    )
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $attempts = @()
    $index = 0
    while ($true) {
        $code = Invoke-W32tm -Arguments @('/resync', '/rediscover')
        $attempts += [ordered]@{ exitCode = $code; atMs = [int64]$watch.ElapsedMilliseconds }
        if ($code -eq 0 -or $index -ge $DelaysMs.Count) {
            break
        }
        $delay = $DelaysMs[$index]
        $index += 1
        if ($watch.ElapsedMilliseconds + $delay -gt $BudgetMs) {
            break
        }
        Start-Sleep -Milliseconds $delay
    }
    return , $attempts
}

function Start-TimeService {
    $svc = Get-Service -Name 'W32Time'
    if ([string]$svc.StartType -eq 'Disabled') {
        Set-Service -Name 'W32Time' -StartupType 'Manual'
    }
    if ([string]$svc.Status -ne 'Running') {
        Start-Service -Name 'W32Time'
    }
}

function Get-SyncFlag {
    param([string]$Type)
    switch ($Type) {
        'NT5DS' { return 'DOMHIER' }
        'AllSync' { return 'ALL' }
        'NoSync' { return 'NO' }
        default { return 'MANUAL' }
    }
}

function Complete-Resync {
    param(
        $Result
    )
    $attempts = Invoke-Resync -DelaysMs $ResyncDelaysMs -BudgetMs $ResyncBudgetMs
    $last = $attempts[$attempts.Count - 1]
    $Result.attempts = $attempts
    $Result.exitCode = $last.exitCode
    Assert-ExitCode -Step ('/resync (' + $attempts.Count + ' attempts over ' + [int]($last.atMs / 1000) + ' s)') -ExitCode $last.exitCode
}

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    $result = [ordered]@{ ok = $true; action = [string](Get-ValueOrNull -InputObject $request -Name 'action') }
    switch ([string](Get-ValueOrNull -InputObject $request -Name 'action')) {
        'read-config' {
            $result.config = Read-TimeConfig
        }
        'resync' {
            Start-TimeService
            Complete-Resync -Result $result
        }
        'use-peer' {
            Start-TimeService
            $result.previous = Read-TimeConfig
            $peer = '/manualpeerlist:' + [string](Get-ValueOrNull -InputObject $request -Name 'peer')
            $result.configExitCode = Invoke-W32tm -Arguments @('/config', $peer, '/syncfromflags:MANUAL', '/update')
            Assert-ExitCode -Step '/config' -ExitCode $result.configExitCode
            Complete-Resync -Result $result
        }
        'restore-config' {
            $peers = '/manualpeerlist:' + [string](Get-ValueOrNull -InputObject $request -Name 'ntpServer')
            $flags = '/syncfromflags:' + (Get-SyncFlag -Type ([string](Get-ValueOrNull -InputObject $request -Name 'type')))
            $result.exitCode = Invoke-W32tm -Arguments @('/config', $peers, $flags, '/update')
            Assert-ExitCode -Step '/config' -ExitCode $result.exitCode
            $result.config = Read-TimeConfig
        }
        default {
            throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string](Get-ValueOrNull -InputObject $request -Name 'action')))
        }
    }
}
catch {
    $result = New-ErrorResult -Record $_
}
ConvertTo-Json -InputObject $result -Depth 6 -Compress
