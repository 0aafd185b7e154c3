# Activation Doctor collector: the licence state of Office (2013 and later on Windows 8+).
# Windows PowerShell 5.1. Reads SoftwareLicensingProduct through CIM for the Office ApplicationID
# (0ff1ce15-a989-479d-af46-f275c6370663, the OfficeAppId of Microsoft's ospp.vbs): the Office
# licences with a product key, the volume (KMS client) licences installed, and the Office KMS host
# licences by their published activation IDs. Then the Click-to-Run configuration and the Office
# 2010/2013 (OSPP) KMS host values from the registry. Never runs or parses ospp.vbs or slmgr.vbs.
# Only the last five characters of product keys are read (PartialProductKey).
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

$officeApplicationId = '0ff1ce15-a989-479d-af46-f275c6370663'

# Office KMS host licences, LTSC 2024 (current and older ID), LTSC 2021, 2019, 2016
# (shared/knowledge/office.ts, from Microsoft's "Configure a KMS host computer for Office").
$officeHostIds = @(
    'f3d89bbf-c0ec-47ce-a8fa-e5a5f97e447f',
    '8d368fc1-9470-4be2-8d66-90e836cbb051',
    '47f3b983-7c53-4d45-abc6-bcd91e2dd90a',
    '70512334-47b4-44db-a233-be5ea33b914c',
    '98ebfe73-2084-4c97-932c-c0cd1643bea7'
)

# A registry key's values, or $null when the key is absent or unreadable.
function Get-RegistryValues {
    param(
        [string]$Path
    )
    try {
        if (-not (Test-Path -LiteralPath $Path)) {
            return $null
        }
        return Get-ItemProperty -LiteralPath $Path -ErrorAction Stop
    }
    catch {
        return $null
    }
}

function Get-ClickToRun {
    $configuration = Get-RegistryValues -Path 'HKLM:\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'
    $ids = @()
    $releaseIds = [string](Get-ValueOrNull -InputObject $configuration -Name 'ProductReleaseIds')
    if ($releaseIds -ne '') {
        $ids = @($releaseIds.Split(',') | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' } | Select-Object -First 32)
    }
    $shared = $null
    $sharedValue = Get-ValueOrNull -InputObject $configuration -Name 'SharedComputerLicensing'
    if ($null -ne $sharedValue) {
        $shared = ([string]$sharedValue).Trim() -eq '1'
    }
    # Per user: the hive of the account that runs the check (elevation keeps the same user).
    $next = $null
    $licensingNext = Get-RegistryValues -Path 'HKCU:\SOFTWARE\Microsoft\Office\16.0\Common\Licensing\LicensingNext'
    if ($null -ne $licensingNext) {
        $next = $false
        foreach ($property in $licensingNext.PSObject.Properties) {
            if ($property.Name -like 'PS*') {
                continue
            }
            if (([string]$property.Value).Trim() -eq '2') {
                $next = $true
            }
        }
    }
    return [ordered]@{
        installed               = ($null -ne $configuration)
        productReleaseIds       = $ids
        version                 = Get-ValueOrNull -InputObject $configuration -Name 'VersionToReport'
        sharedComputerLicensing = $shared
        licensingNext           = $next
    }
}

function Get-OsppSettings {
    $ospp = Get-RegistryValues -Path 'HKLM:\SOFTWARE\Microsoft\OfficeSoftwareProtectionPlatform'
    if ($null -eq $ospp) {
        return $null
    }
    return [ordered]@{
        KeyManagementServiceName = Get-ValueOrNull -InputObject $ospp -Name 'KeyManagementServiceName'
        KeyManagementServicePort = Get-ValueOrNull -InputObject $ospp -Name 'KeyManagementServicePort'
    }
}

try {
    # The ApplicationID is checked again here: only Office licences, whatever WQL returned.
    $filter = "ApplicationID = '$officeApplicationId' AND PartialProductKey IS NOT NULL"
    $productNames = @(@($SppProductProperties | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Name } }) + 'ApplicationID')
    $products = @(Get-CimProperty -ClassName 'SoftwareLicensingProduct' -Filter $filter -Property $productNames |
            Where-Object { [string]$_.ApplicationID -eq $officeApplicationId -and [string]$_.PartialProductKey -ne '' } |
            Select-Object -First 32 -Property $SppProductProperties)

    # The volume licences Office installed (a GVLK can only be installed where one exists). Every
    # Office licence, four static properties each; the channel is matched here, not with WQL LIKE.
    $licenceFilter = "ApplicationID = '$officeApplicationId'"
    $licences = @(Get-CimProperty -ClassName 'SoftwareLicensingProduct' -Filter $licenceFilter -Property @('ID', 'ApplicationID', 'LicenseFamily', 'Description') |
            Where-Object { [string]$_.ApplicationID -eq $officeApplicationId -and ([string]$_.Description).Contains('VOLUME_KMSCLIENT') -and [string]$_.LicenseFamily -ne '' } |
            Select-Object -First 64 -Property 'ID', 'LicenseFamily')

    # The Office KMS host licences by ID (Microsoft's own sample shows another ApplicationID for them).
    $hostFilter = [string]::Join(' OR ', @($officeHostIds | ForEach-Object { "ID = '" + $_ + "'" }))
    $hostProperties = @('ID', 'PartialProductKey', 'LicenseStatus', 'LicenseStatusReason', 'IsKeyManagementServiceMachine', 'KeyManagementServiceCurrentCount')
    $hosts = @(Get-CimProperty -ClassName 'SoftwareLicensingProduct' -Filter $hostFilter -Property $hostProperties |
            Where-Object { $officeHostIds -contains ([string]$_.ID).ToLowerInvariant() } |
            Select-Object -First 8 -Property $hostProperties)

    $result = [ordered]@{
        products          = $products
        kmsClientLicences = $licences
        kmsHostLicences   = $hosts
        clickToRun        = Get-ClickToRun
        ospp              = Get-OsppSettings
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
