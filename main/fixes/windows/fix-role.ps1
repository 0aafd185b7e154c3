<#
  Activation Doctor fix operations on the Volume Activation Services role (Windows Server 2012 or
  later): read whether it is installed ("query"), or install it with its tools, the first step of
  Microsoft's KMS host setup. Parameters arrive as base64-encoded UTF-8 JSON ({ "action": ... }).
  Windows PowerShell 5.1 (ServerManager module).
#>
param(
    [string]$ArgsBase64
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    switch ([string]$request.action) {
        'query' {
            # Read-only: is the role there already?
            $installed = Get-WindowsFeature -Name 'VolumeActivation'
            $result = @{ ok = $true; data = @{ installed = [bool]$installed.Installed } }
        }
        'install-volume-activation' {
            $feature = Install-WindowsFeature -Name 'VolumeActivation' -IncludeManagementTools
            if (-not $feature.Success) {
                throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('Install-WindowsFeature did not succeed (exit code ' + [string]$feature.ExitCode + ')'))
            }
            $result = @{ ok = $true; data = @{ success = [bool]$feature.Success; restartNeeded = [string]$feature.RestartNeeded; exitCode = [string]$feature.ExitCode } }
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
    if ($_.CategoryInfo.Category -eq 'ObjectNotFound') {
        $kind = 'not-supported'
    }
    $result = @{ error = @{ kind = $kind; message = $_.Exception.Message; hresult = [int64]$_.Exception.HResult; errorId = $_.FullyQualifiedErrorId; category = [string]$_.CategoryInfo.Category } }
}
$result | ConvertTo-Json -Depth 4 -Compress
