# Activation Doctor collector: Windows subscription activation (Enterprise E3/E5, Education).
# Windows PowerShell 5.1. Reads SoftwareLicensingService through CIM: Microsoft's OSLicense cmdlets
# (Get-SubscriptionLicenseInfo, Set-SubscriptionLicenseInfo) read the subscription type, status,
# expiry and edition from that instance, and name SubscriptionType. The cmdlet itself is not called
# (it is not a Windows PowerShell 5.1 command, and a collector never runs a command by a computed
# name), so every Subscription* property the instance has is printed with its name. Plus the Windows
# Update policy a subscription device needs (DoNotConnectToWindowsUpdateInternetLocations). The
# edition step-up itself is read from the os and licensing facts. Prints one JSON document; a
# failure is printed as {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

try {
    # Every property: the names behind Get-SubscriptionLicenseInfo's status, expiry and edition are
    # not documented, and Windows versions before subscription activation have none of them.
    $service = Get-CimInstance -ClassName 'SoftwareLicensingService' -ErrorAction Stop | Select-Object -First 1
    $properties = [ordered]@{}
    if ($null -ne $service) {
        foreach ($property in $service.PSObject.Properties) {
            if ($property.Name -like 'Subscription*') {
                $value = $property.Value
                if ($null -ne $value -and -not ($value -is [string] -or $value -is [bool] -or $value -is [int] -or $value -is [uint32] -or $value -is [long] -or $value -is [uint64])) {
                    $value = [string]$value
                }
                $properties[$property.Name] = $value
            }
        }
    }
    $policy = Get-OptionalKey -Path 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate'
    $result = [ordered]@{
        properties = $properties
        doNotConnectToWindowsUpdateInternetLocations = Get-ValueOrNull -InputObject $policy -Name 'DoNotConnectToWindowsUpdateInternetLocations'
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
