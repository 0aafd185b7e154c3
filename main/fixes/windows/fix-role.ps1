<#
  Activation Doctor fix operations on the Volume Activation Services role (Windows Server 2012 or
  later): read whether it is installed ("query"), or install it with its tools, the first step of
  Microsoft's KMS host setup. Parameters arrive as base64-encoded UTF-8 JSON ({ "action": ... }).
  Windows PowerShell 5.1 (ServerManager module).
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

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    switch ([string](Get-ValueOrNull -InputObject $request -Name 'action')) {
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
            throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string](Get-ValueOrNull -InputObject $request -Name 'action')))
        }
    }
}
catch {
    $kind = ''
    if ([string]$_.CategoryInfo.Category -eq 'ObjectNotFound') {
        $kind = 'not-supported'
    }
    $result = New-ErrorResult -Record $_ -Kind $kind
}
ConvertTo-Json -InputObject $result -Depth 6 -Compress
