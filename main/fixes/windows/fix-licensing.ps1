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

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false

$WindowsAppId = '55c92734-d682-4d71-983e-d6ec3f16059f'

function Get-ErrorCode {
    param($Exception)
    # CIM method failures carry the licensing HRESULT in ErrorData.error_Code; others in HResult.
    $code = $null
    if ($null -ne $Exception.ErrorData) {
        $property = $Exception.ErrorData.CimInstanceProperties['error_Code']
        if ($null -ne $property) {
            $code = $property.Value
        }
    }
    if ($null -eq $code) {
        $code = $Exception.HResult
    }
    return [int64]$code
}

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

function Get-PrimaryWindowsProduct {
    # slmgr's choice: the Windows licence that has a product key and is not an add-on.
    $filter = "ApplicationID = '" + $WindowsAppId + "' AND PartialProductKey IS NOT NULL AND LicenseIsAddon = FALSE"
    $product = Get-CimInstance -ClassName 'SoftwareLicensingProduct' -Filter $filter | Select-Object -First 1
    if ($null -eq $product) {
        throw (New-Object -TypeName System.InvalidOperationException -ArgumentList 'No Windows licence with a product key is installed')
    }
    return $product
}

function Invoke-Licensing {
    param($Target, [string]$Method, [hashtable]$Arguments)
    if ($null -eq $Arguments) {
        return Invoke-CimMethod -InputObject $Target -MethodName $Method
    }
    return Invoke-CimMethod -InputObject $Target -MethodName $Method -Arguments $Arguments
}

$result = $null
try {
    $json = [System.Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($ArgsBase64))
    $request = $json | ConvertFrom-Json
    $operation = [string]$request.operation
    $service = Get-LicensingService
    $data = @{}

    switch ($operation) {
        'install-product-key' {
            $null = Invoke-Licensing -Target $service -Method 'InstallProductKey' -Arguments @{ ProductKey = [string]$request.key }
            $null = Invoke-Licensing -Target $service -Method 'RefreshLicenseStatus' -Arguments $null
        }
        'set-kms-machine' {
            $null = Invoke-Licensing -Target $service -Method 'SetKeyManagementServiceMachine' -Arguments @{ MachineName = [string]$request.host }
            if ($null -ne $request.port) {
                $null = Invoke-Licensing -Target $service -Method 'SetKeyManagementServicePort' -Arguments @{ PortNumber = [uint32]$request.port }
            }
            else {
                $null = Invoke-Licensing -Target $service -Method 'ClearKeyManagementServicePort' -Arguments $null
            }
        }
        'clear-kms-machine' {
            $null = Invoke-Licensing -Target $service -Method 'ClearKeyManagementServiceMachine' -Arguments $null
            $null = Invoke-Licensing -Target $service -Method 'ClearKeyManagementServicePort' -Arguments $null
        }
        'set-kms-lookup-domain' {
            $null = Invoke-Licensing -Target $service -Method 'SetKeyManagementServiceLookupDomain' -Arguments @{ LookupDomain = [string]$request.domain }
        }
        'activate' {
            # Without an activation ID: the primary product (after a new key, the ID has changed).
            if ($null -eq $request.activationId) {
                $product = Get-PrimaryWindowsProduct
            }
            else {
                $product = Get-WindowsProduct -ActivationId ([string]$request.activationId)
            }
            $null = Invoke-Licensing -Target $product -Method 'Activate' -Arguments $null
            $null = Invoke-Licensing -Target $service -Method 'RefreshLicenseStatus' -Arguments $null
        }
        'get-installation-id' {
            $product = Get-WindowsProduct -ActivationId ([string]$request.activationId)
            $data.installationId = [string]$product.OfflineInstallationId
        }
        'deposit-confirmation-id' {
            $product = Get-WindowsProduct -ActivationId ([string]$request.activationId)
            $arguments = @{ InstallationId = [string]$request.installationId; ConfirmationId = [string]$request.confirmationId }
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
    $kind = 'failed'
    if ($_.CategoryInfo.Category -eq 'PermissionDenied') {
        $kind = 'access-denied'
    }
    $result = @{ error = @{ kind = $kind; message = $_.Exception.Message; hresult = (Get-ErrorCode -Exception $_.Exception); errorId = $_.FullyQualifiedErrorId; category = [string]$_.CategoryInfo.Category } }
}
$result | ConvertTo-Json -Depth 4 -Compress
