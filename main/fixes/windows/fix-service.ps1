<#
  Activation Doctor fix operations on the two services activation depends on: the Software
  Protection service (sppsvc) and Windows Time (W32Time). Only those two names are accepted.
  Parameters arrive as base64-encoded UTF-8 JSON ({ "service": ..., "action": ... }).
  Windows PowerShell 5.1.
#>
param(
    [string]$ArgsBase64
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false

$Allowed = @('sppsvc', 'W32Time')

function Get-ServiceState {
    param([string]$Name)
    $cim = Get-CimInstance -ClassName 'Win32_Service' -Filter ("Name = '" + $Name + "'")
    if ($null -eq $cim) {
        return @{ name = $Name; exists = $false; state = $null; startMode = $null }
    }
    return @{ name = $Name; exists = $true; state = [string]$cim.State; startMode = [string]$cim.StartMode }
}

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    $name = [string]$request.service
    if ($Allowed -notcontains $name) {
        throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Service not allowed: ' + $name))
    }
    $before = Get-ServiceState -Name $name
    switch ([string]$request.action) {
        'start' {
            if ($before.startMode -eq 'Disabled') {
                # sc.exe reports success by exit code, which does not depend on the display language.
                $null = sc.exe config $name 'start=' 'delayed-auto'
                if ($LASTEXITCODE -ne 0) {
                    throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('sc.exe config failed with exit code ' + $LASTEXITCODE))
                }
            }
            Start-Service -Name $name
        }
        'restart' {
            Restart-Service -Name $name -Force
        }
        default {
            throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string]$request.action))
        }
    }
    $after = Get-ServiceState -Name $name
    $result = @{ ok = $true; before = $before; after = $after }
}
catch {
    $kind = 'failed'
    if ($_.CategoryInfo.Category -eq 'PermissionDenied') {
        $kind = 'access-denied'
    }
    $result = @{ error = @{ kind = $kind; message = $_.Exception.Message; hresult = [int64]$_.Exception.HResult; errorId = $_.FullyQualifiedErrorId; category = [string]$_.CategoryInfo.Category } }
}
$result | ConvertTo-Json -Depth 4 -Compress
