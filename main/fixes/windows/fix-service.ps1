<#
  Activation Doctor fix operations on the two services activation depends on: the Software
  Protection service (sppsvc) and Windows Time (W32Time). Only those two names are accepted.
  Parameters arrive as base64-encoded UTF-8 JSON ({ "service": ..., "action": ... }).
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

$Allowed = @('sppsvc', 'W32Time')

function Get-ServiceState {
    param([string]$Name)
    # $Name is one of $Allowed, checked before any query.
    $cim = @(Get-CimProperty -ClassName 'Win32_Service' -Filter ("Name = '" + $Name + "'") -Property @('Name', 'State', 'StartMode')) | Select-Object -First 1
    if ($null -eq $cim) {
        return @{ name = $Name; exists = $false; state = $null; startMode = $null }
    }
    return @{ name = $Name; exists = $true; state = [string]$cim.State; startMode = [string]$cim.StartMode }
}

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    $name = [string](Get-ValueOrNull -InputObject $request -Name 'service')
    if ($Allowed -notcontains $name) {
        throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Service not allowed: ' + $name))
    }
    $before = Get-ServiceState -Name $name
    switch ([string](Get-ValueOrNull -InputObject $request -Name 'action')) {
        'start' {
            if ($before.startMode -eq 'Disabled') {
                # sc.exe (from the system folder) reports success by exit code, which does not
                # depend on the display language; its text is discarded.
                $sc = Get-SystemExecutable -Name 'sc.exe'
                $null = & $sc config $name 'start=' 'delayed-auto'
                $exitCode = [int]$LASTEXITCODE
                if ($exitCode -ne 0) {
                    # sc.exe exits with a Win32 error code (5 access denied, 1072 marked for deletion):
                    # carried as its HRESULT (HRESULT_FROM_WIN32), so 5 is reported as access-denied.
                    $hresult = $exitCode
                    if ($exitCode -gt 0 -and $exitCode -le 0xFFFF) {
                        $hresult = [int](-2147024896) -bor $exitCode
                    }
                    throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList ('sc.exe config failed with exit code ' + $exitCode), $hresult)
                }
            }
            Start-Service -Name $name
        }
        'restart' {
            Restart-Service -Name $name -Force
        }
        default {
            throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown action ' + [string](Get-ValueOrNull -InputObject $request -Name 'action')))
        }
    }
    $after = Get-ServiceState -Name $name
    $result = @{ ok = $true; before = $before; after = $after }
}
catch {
    $result = New-ErrorResult -Record $_
}
ConvertTo-Json -InputObject $result -Depth 6 -Compress
