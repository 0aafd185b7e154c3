<#
  Activation Doctor fix operations on Windows Time: resync, read the current configuration,
  sync from one peer (the KMS host) and restore a recorded configuration. Success is read from
  w32tm.exe's exit code, never from its (localized) text. Parameters arrive as base64 JSON.
  Windows PowerShell 5.1.
#>
param(
    [string]$ArgsBase64
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false

$ParametersKey = 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\Parameters'

function Read-TimeConfig {
    $values = Get-ItemProperty -Path $ParametersKey
    return @{ type = [string]$values.Type; ntpServer = [string]$values.NtpServer }
}

function Invoke-W32tm {
    param([string[]]$Arguments)
    # Success is read from the exit code only: w32tm's text is localized.
    $null = w32tm.exe @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('w32tm ' + $Arguments[0] + ' failed with exit code ' + $LASTEXITCODE))
    }
    return $LASTEXITCODE
}

function Start-TimeService {
    $svc = Get-Service -Name 'W32Time'
    if ($svc.StartType -eq 'Disabled') {
        Set-Service -Name 'W32Time' -StartupType 'Manual'
    }
    if ($svc.Status -ne 'Running') {
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

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    $result = @{ ok = $true; action = [string]$request.action }
    switch ([string]$request.action) {
        'read-config' {
            $result.config = Read-TimeConfig
        }
        'resync' {
            Start-TimeService
            $result.exitCode = Invoke-W32tm -Arguments @('/resync', '/rediscover')
        }
        'use-peer' {
            Start-TimeService
            $result.previous = Read-TimeConfig
            $peer = '/manualpeerlist:' + [string]$request.peer
            $result.configExitCode = Invoke-W32tm -Arguments @('/config', $peer, '/syncfromflags:MANUAL', '/update')
            $result.exitCode = Invoke-W32tm -Arguments @('/resync', '/rediscover')
        }
        'restore-config' {
            $peers = '/manualpeerlist:' + [string]$request.ntpServer
            $flags = '/syncfromflags:' + (Get-SyncFlag -Type ([string]$request.type))
            $result.exitCode = Invoke-W32tm -Arguments @('/config', $peers, $flags, '/update')
            $result.config = Read-TimeConfig
        }
        default {
            throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string]$request.action))
        }
    }
}
catch {
    $kind = 'failed'
    if ($_.CategoryInfo.Category -eq 'PermissionDenied') {
        $kind = 'access-denied'
    }
    $result = @{ error = @{ kind = $kind; message = $_.Exception.Message; hresult = [int64]$_.Exception.HResult; errorId = $_.FullyQualifiedErrorId; category = [string]$_.CategoryInfo.Category } }
}
$result | ConvertTo-Json -Depth 4 -Compress
