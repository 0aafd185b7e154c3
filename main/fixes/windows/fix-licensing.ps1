<#
  Activation Doctor fix operations on the Software Licensing CIM classes (SoftwareLicensingService and
  SoftwareLicensingProduct).
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

$WindowsAppId = '55c92734-d682-4d71-983e-d6ec3f16059f'

function Get-LicensingService {
    return Get-CimInstance -ClassName 'SoftwareLicensingService'
}

function Get-WindowsProduct {
    param([string]$ActivationId)
    $id = [guid]::Parse($ActivationId).ToString()
    $filter = "ApplicationID = '" + $WindowsAppId + "' AND ID = '" + $id + "'"
    $product = Get-CimInstance -ClassName 'SoftwareLicensingProduct' -Filter $filter
    if ($null -eq $product) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('No Windows licence with activation ID ' + $id))
    }
    return $product
}

# A licence by its activation ID that has a key installed, of any application: what
# slmgr /ato <Activation ID> acts on (an add-on such as a Windows 10 ESU licence included).
function Get-KeyedProduct {
    param([string]$ActivationId)
    $id = [guid]::Parse($ActivationId).ToString()
    $filter = "ID = '" + $id + "' AND PartialProductKey IS NOT NULL"
    $product = Get-CimInstance -ClassName 'SoftwareLicensingProduct' -Filter $filter
    if ($null -eq $product) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('No licence with activation ID ' + $id + ' has a product key installed: the key that was installed belongs to another licence'))
    }
    return $product
}

# The Windows 10 ESU licences (shared/knowledge/esu.ts): never the product, whatever LicenseIsAddon says.
$EsuActivationIds = @('f520e45e-7413-4a34-a497-d2765967d094', '1043add5-23b1-4afb-9a0f-64343c8f3f8d', '83d49986-add3-41d7-ba33-87c7bfb5c0fb')

function Get-PrimaryWindowsProduct {
    # The Windows licence that has a product key and is not an add-on, chosen as the check chose it
    # (selectWindowsProduct in shared/windows-product.ts): Licensed first, then any live state, then
    # Unlicensed (a leftover edition WMI may list first); ties keep WMI order.
    $filter = "ApplicationID = '" + $WindowsAppId + "' AND PartialProductKey IS NOT NULL AND LicenseIsAddon = FALSE"
    $product = $null
    $bestRank = 3
    foreach ($candidate in @(Get-CimInstance -ClassName 'SoftwareLicensingProduct' -Filter $filter)) {
        if ($null -eq $candidate -or $EsuActivationIds -contains ([string]$candidate.ID).ToLowerInvariant()) {
            continue
        }
        $status = Get-ValueOrNull -InputObject $candidate -Name 'LicenseStatus'
        $rank = 1
        if ($null -ne $status -and [int64]$status -eq 1) {
            $rank = 0
        }
        elseif ($null -ne $status -and [int64]$status -eq 0) {
            $rank = 2
        }
        if ($rank -lt $bestRank) {
            $product = $candidate
            $bestRank = $rank
        }
    }
    if ($null -eq $product) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList 'No Windows licence with a product key is installed')
    }
    return $product
}

# Where a KMS host setting goes: the Windows licence named by activationId (slmgr ... <ActID>),
# else the service (machine-wide).
function Get-KmsSettingTarget {
    param($Request, $Service)
    $activationId = Get-ValueOrNull -InputObject $Request -Name 'activationId'
    if ($null -eq $activationId) {
        return $Service
    }
    return Get-WindowsProduct -ActivationId ([string]$activationId)
}

# One licensing method call; the values in $Arguments are data, passed as method arguments only.
# A failure arrives as a CimException (MSFT_WmiError, its error_Code the licensing HRESULT) or,
# from some methods, as a non-zero ReturnValue: both become a failure carrying that code.
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
        # ReturnValue is a uint32; the exception takes the same 32 bits as a signed HRESULT.
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
    $service = Get-LicensingService
    $data = @{}

    switch ($operation) {
        'install-product-key' {
            $null = Invoke-Licensing -Target $service -Method 'InstallProductKey' -Arguments @{ ProductKey = [string](Get-ValueOrNull -InputObject $request -Name 'key') }
            $null = Invoke-Licensing -Target $service -Method 'RefreshLicenseStatus' -Arguments $null
        }
        'set-kms-machine' {
            # slmgr /skms host [ActID]: machine-wide, or on one Windows licence (its own setting wins).
            $target = Get-KmsSettingTarget -Request $request -Service $service
            $null = Invoke-Licensing -Target $target -Method 'SetKeyManagementServiceMachine' -Arguments @{ MachineName = [string](Get-ValueOrNull -InputObject $request -Name 'host') }
            if ($null -ne (Get-ValueOrNull -InputObject $request -Name 'port')) {
                $null = Invoke-Licensing -Target $target -Method 'SetKeyManagementServicePort' -Arguments @{ PortNumber = [uint32](Get-ValueOrNull -InputObject $request -Name 'port') }
            }
            else {
                $null = Invoke-Licensing -Target $target -Method 'ClearKeyManagementServicePort' -Arguments $null
            }
        }
        'clear-kms-machine' {
            # slmgr /ckms [ActID]
            $target = Get-KmsSettingTarget -Request $request -Service $service
            $null = Invoke-Licensing -Target $target -Method 'ClearKeyManagementServiceMachine' -Arguments $null
            $null = Invoke-Licensing -Target $target -Method 'ClearKeyManagementServicePort' -Arguments $null
        }
        'set-kms-lookup-domain' {
            $null = Invoke-Licensing -Target $service -Method 'SetKeyManagementServiceLookupDomain' -Arguments @{ LookupDomain = [string](Get-ValueOrNull -InputObject $request -Name 'domain') }
        }
        'activate' {
            # Without an activation ID: the primary product (after a new key, the ID has changed).
            if ($null -eq (Get-ValueOrNull -InputObject $request -Name 'activationId')) {
                $product = Get-PrimaryWindowsProduct
            }
            else {
                $product = Get-WindowsProduct -ActivationId ([string](Get-ValueOrNull -InputObject $request -Name 'activationId'))
            }
            $null = Invoke-Licensing -Target $product -Method 'Activate' -Arguments $null
            $null = Invoke-Licensing -Target $service -Method 'RefreshLicenseStatus' -Arguments $null
        }
        'activate-licence' {
            # slmgr /ato <Activation ID>: that licence only, and only when a key is installed for it.
            $product = Get-KeyedProduct -ActivationId ([string](Get-ValueOrNull -InputObject $request -Name 'activationId'))
            # After installing a key: that licence must now carry it (compared as data, never as code).
            $expected = [string](Get-ValueOrNull -InputObject $request -Name 'partialKey')
            if ($expected -ne '' -and [string]$product.PartialProductKey -cne $expected) {
                throw (New-Object -TypeName System.InvalidOperationException -ArgumentList ('The licence ' + [string]$product.ID + ' has the key ending in ' + [string]$product.PartialProductKey + ', not the one just installed: the key that was installed belongs to another licence'))
            }
            # As slmgr: a licence that is already licensed is not activated again (a MAK counts each activation).
            if ([int64]$product.LicenseStatus -eq 1) {
                $data.alreadyLicensed = $true
            }
            else {
                $null = Invoke-Licensing -Target $product -Method 'Activate' -Arguments $null
                $null = Invoke-Licensing -Target $service -Method 'RefreshLicenseStatus' -Arguments $null
                $data.alreadyLicensed = $false
            }
        }
        'get-installation-id' {
            $product = Get-WindowsProduct -ActivationId ([string](Get-ValueOrNull -InputObject $request -Name 'activationId'))
            $data.installationId = [string]$product.OfflineInstallationId
        }
        'deposit-confirmation-id' {
            $product = Get-WindowsProduct -ActivationId ([string](Get-ValueOrNull -InputObject $request -Name 'activationId'))
            $arguments = @{ InstallationId = [string](Get-ValueOrNull -InputObject $request -Name 'installationId'); ConfirmationId = [string](Get-ValueOrNull -InputObject $request -Name 'confirmationId') }
            $null = Invoke-Licensing -Target $product -Method 'DepositOfflineConfirmationId' -Arguments $arguments
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
