<#
  Activation Doctor fix operations on Office licences (SoftwareLicensingProduct with the Office
  ApplicationID 0ff1ce15-a989-479d-af46-f275c6370663, and SoftwareLicensingService to install a key).
  Every operation on a product names it by activation ID and checks it is an Office licence, so
  nothing here can touch Windows' own licence; no product key is ever uninstalled.
  Parameters arrive as base64-encoded UTF-8 JSON ({ "operation": ..., ... }) and are only ever
  used as method arguments: nothing is evaluated. Writes one JSON document.
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

$OfficeAppId = '0ff1ce15-a989-479d-af46-f275c6370663'

# The Office licence with this activation ID (GUID syntax checked before it reaches WQL).
function Get-OfficeProduct {
    param([string]$ActivationId)
    $id = [guid]::Parse($ActivationId).ToString()
    $filter = "ApplicationID = '" + $OfficeAppId + "' AND ID = '" + $id + "'"
    $product = @(Get-CimInstance -ClassName 'SoftwareLicensingProduct' -Filter $filter | Where-Object { [string]$_.ApplicationID -eq $OfficeAppId -and ([string]$_.ID).ToLowerInvariant() -eq $id }) | Select-Object -First 1
    if ($null -eq $product) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('No Office licence with activation ID ' + $id))
    }
    return $product
}

# The activation IDs of a request, each a GUID (at least one).
function Get-ActivationIds {
    param($Request)
    $given = Get-ValueOrNull -InputObject $Request -Name 'activationIds'
    $ids = @(@($given) | Where-Object { $null -ne $_ })
    if ($ids.Count -eq 0) {
        throw (New-Object -TypeName System.ArgumentException -ArgumentList 'No Office activation ID was given')
    }
    return @($ids | ForEach-Object { [guid]::Parse([string]$_).ToString() })
}

# One licensing method call; the values in $Arguments are data, passed as method arguments only.
function Invoke-Licensing {
    param($Target, [string]$Method, [hashtable]$Arguments)
    if ($null -eq $Arguments) {
        $out = Invoke-CimMethod -InputObject $Target -MethodName $Method
    }
    else {
        $out = Invoke-CimMethod -InputObject $Target -MethodName $Method -Arguments $Arguments
    }
    $code = [int64]0
    if ($null -ne $out -and $null -ne $out.PSObject.Properties['ReturnValue'] -and $null -ne $out.ReturnValue) {
        $code = [int64]$out.ReturnValue
    }
    if ($code -ne 0) {
        $signed = $code
        if ($signed -gt 2147483647) {
            $signed = $signed - 4294967296
        }
        $message = $Method + ' returned 0x' + $code.ToString('X8')
        throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList $message, ([int]$signed))
    }
    return $out
}

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    $operation = [string](Get-ValueOrNull -InputObject $request -Name 'operation')
    $data = @{}

    switch ($operation) {
        'install-product-key' {
            # The service installs the key on the licence it belongs to (here: an Office licence).
            $service = Get-CimInstance -ClassName 'SoftwareLicensingService'
            $null = Invoke-Licensing -Target $service -Method 'InstallProductKey' -Arguments @{ ProductKey = [string](Get-ValueOrNull -InputObject $request -Name 'key') }
            $null = Invoke-Licensing -Target $service -Method 'RefreshLicenseStatus' -Arguments $null
        }
        'set-kms-machine' {
            # Per Office licence (ospp.vbs /sethst, /setprt), never the service-wide setting.
            $hostName = [string](Get-ValueOrNull -InputObject $request -Name 'host')
            $port = Get-ValueOrNull -InputObject $request -Name 'port'
            foreach ($id in (Get-ActivationIds -Request $request)) {
                $product = Get-OfficeProduct -ActivationId $id
                $null = Invoke-Licensing -Target $product -Method 'SetKeyManagementServiceMachine' -Arguments @{ MachineName = $hostName }
                if ($null -ne $port) {
                    $null = Invoke-Licensing -Target $product -Method 'SetKeyManagementServicePort' -Arguments @{ PortNumber = [uint32]$port }
                }
                else {
                    $null = Invoke-Licensing -Target $product -Method 'ClearKeyManagementServicePort' -Arguments $null
                }
            }
        }
        'clear-kms-machine' {
            # ospp.vbs /remhst, per Office licence.
            foreach ($id in (Get-ActivationIds -Request $request)) {
                $product = Get-OfficeProduct -ActivationId $id
                $null = Invoke-Licensing -Target $product -Method 'ClearKeyManagementServiceMachine' -Arguments $null
                $null = Invoke-Licensing -Target $product -Method 'ClearKeyManagementServicePort' -Arguments $null
            }
        }
        'activate' {
            # ospp.vbs /act for one Office licence; slmgr.vbs /ato <activation ID> does the same.
            $product = Get-OfficeProduct -ActivationId ([string](Get-ValueOrNull -InputObject $request -Name 'activationId'))
            $null = Invoke-Licensing -Target $product -Method 'Activate' -Arguments $null
            $service = Get-CimInstance -ClassName 'SoftwareLicensingService'
            $null = Invoke-Licensing -Target $service -Method 'RefreshLicenseStatus' -Arguments $null
        }
        default {
            throw (New-Object -TypeName System.ArgumentException -ArgumentList ('Unknown operation ' + $operation))
        }
    }
    $result = @{ ok = $true; operation = $operation; data = $data }
}
catch {
    $result = New-ErrorResult -Record $_
}
ConvertTo-Json -InputObject $result -Depth 6 -Compress
