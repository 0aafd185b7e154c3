# Activation Doctor collector: the licence state of Windows.
# Windows PowerShell 5.1. Reads SoftwareLicensingProduct (the Windows products that have a product
# key) and SoftwareLicensingService through CIM, never slmgr.vbs text. Prints one JSON document; a
# failure is printed as {"error": {...}} instead of being thrown. Only the last five characters of
# product keys are read (PartialProductKey); the firmware key itself is never selected.
param(
    [string]$ArgsBase64 = ''
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
try {
    [Console]::OutputEncoding = New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false
}
catch {
    # Started without a console to configure: the output keeps its default code page.
}

function New-ErrorResult {
    param(
        [System.Management.Automation.ErrorRecord]$Record
    )
    $exception = $Record.Exception
    $category = [string]$Record.CategoryInfo.Category
    $kind = 'failed'
    if ($exception -is [System.UnauthorizedAccessException] -or $category -eq 'PermissionDenied' -or $exception.HResult -eq -2147024891) {
        $kind = 'access-denied'
    }
    elseif ($exception -is [System.Management.Automation.CommandNotFoundException]) {
        $kind = 'not-supported'
    }
    return [ordered]@{
        error = [ordered]@{
            kind     = $kind
            message  = [string]$exception.Message
            hresult  = $exception.HResult
            errorId  = [string]$Record.FullyQualifiedErrorId
            category = $category
        }
    }
}

function ConvertTo-IsoTime {
    param(
        $Value
    )
    if ($Value -is [datetime]) {
        return $Value.ToUniversalTime().ToString('o')
    }
    return $null
}

$windowsApplicationId = '55c92734-d682-4d71-983e-d6ec3f16059f'

$productProperties = @(
    'ID',
    'Name',
    'Description',
    'LicenseFamily',
    'ProductKeyChannel',
    'PartialProductKey',
    'LicenseStatus',
    'LicenseStatusReason',
    'GracePeriodRemaining',
    @{ Name = 'EvaluationEndDate'; Expression = { ConvertTo-IsoTime -Value $_.EvaluationEndDate } },
    'LicenseIsAddon',
    'KeyManagementServiceMachine',
    'KeyManagementServicePort',
    'KeyManagementServiceLookupDomain',
    'DiscoveredKeyManagementServiceMachineName',
    'DiscoveredKeyManagementServiceMachinePort',
    'DiscoveredKeyManagementServiceMachineIpAddress',
    'KeyManagementServiceProductKeyID',
    'VLActivationType',
    'VLActivationTypeEnabled',
    'VLActivationInterval',
    'VLRenewalInterval',
    'IsKeyManagementServiceMachine',
    'KeyManagementServiceCurrentCount',
    'RequiredClientCount',
    'AutomaticVMActivationHostMachineName',
    @{ Name = 'AutomaticVMActivationLastActivationTime'; Expression = { ConvertTo-IsoTime -Value $_.AutomaticVMActivationLastActivationTime } }
)

$serviceProperties = @(
    'Version',
    'ClientMachineID',
    'KeyManagementServiceMachine',
    'KeyManagementServicePort',
    'KeyManagementServiceLookupDomain',
    'KeyManagementServiceHostCaching',
    'IsKeyManagementServiceMachine',
    'KeyManagementServiceCurrentCount',
    'RequiredClientCount',
    'KeyManagementServiceListeningPort',
    'KeyManagementServiceDnsPublishing',
    'KeyManagementServiceLowPriority',
    'KeyManagementServiceTotalRequests',
    'KeyManagementServiceFailedRequests',
    'RemainingWindowsReArmCount',
    'OA3xOriginalProductKeyDescription'
)

try {
    $filter = "ApplicationID = '$windowsApplicationId' AND PartialProductKey IS NOT NULL"
    $products = @(Get-CimInstance -ClassName 'SoftwareLicensingProduct' -Filter $filter -ErrorAction Stop | Select-Object -Property $productProperties)
    $service = Get-CimInstance -ClassName 'SoftwareLicensingService' -ErrorAction Stop | Select-Object -First 1 -Property $serviceProperties

    $result = [ordered]@{
        products = $products
        service  = $service
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
