<#
  Activation Doctor fix operation: install the Volume Activation Services role (and its tools) on
  Windows Server 2012 or later, the first step of Microsoft's KMS host setup.
  Parameters arrive as base64-encoded UTF-8 JSON ({ "action": "install-volume-activation" }).
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
    if ([string]$request.action -ne 'install-volume-activation') {
        throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string]$request.action))
    }
    $feature = Install-WindowsFeature -Name 'VolumeActivation' -IncludeManagementTools
    if (-not $feature.Success) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('Install-WindowsFeature did not succeed (exit code ' + [string]$feature.ExitCode + ')'))
    }
    $result = @{ ok = $true; data = @{ success = [bool]$feature.Success; restartNeeded = [string]$feature.RestartNeeded; exitCode = [string]$feature.ExitCode } }
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
