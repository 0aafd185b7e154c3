# Activation Doctor collector: the licence state of Windows.
# Windows PowerShell 5.1. Reads SoftwareLicensingProduct (the Windows products that have a product
# key) and SoftwareLicensingService through CIM, never slmgr.vbs text. Prints one JSON document; a
# failure is printed as {"error": {...}} instead of being thrown. Only the last five characters of
# product keys are read (PartialProductKey); the firmware key itself is never selected.
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

$windowsApplicationId = '55c92734-d682-4d71-983e-d6ec3f16059f'

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
    # Only the properties used: a cold SoftwareLicensingProduct query computes every one it returns.
    $productNames = @($SppProductProperties | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Name } })
    $products = @(Get-CimProperty -ClassName 'SoftwareLicensingProduct' -Filter $filter -Property $productNames | Select-Object -Property $SppProductProperties)
    $service = Get-CimProperty -ClassName 'SoftwareLicensingService' -Property $serviceProperties | Select-Object -First 1 -Property $serviceProperties

    $result = [ordered]@{
        products = $products
        service  = $service
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
