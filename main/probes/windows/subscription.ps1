# Activation Doctor collector: Windows subscription activation (Enterprise E3/E5, Education).
# Windows PowerShell 5.1. Microsoft's read-only Get-SubscriptionLicenseInfo (OSLicense module, the
# 2026-09 update and later) where it exists: its numeric type and status values, never its
# localized text. Plus the Windows Update policy a subscription device needs
# (DoNotConnectToWindowsUpdateInternetLocations). The edition step-up itself is read from the os
# and licensing facts. Prints one JSON document; a failure is printed as {"error": {...}}.
param(
    [string]$ArgsBase64 = ''
)

. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

function Get-RegistryValues {
    param(
        [string]$Path
    )
    if (Test-Path -LiteralPath $Path) {
        return Get-ItemProperty -LiteralPath $Path -ErrorAction Stop
    }
    return $null
}

# Microsoft's cmdlet, or $null where this Windows does not have it. Called through Get-Command:
# Windows PowerShell 5.1 itself does not document it.
function Find-SubscriptionCommand {
    return Get-Command -Name 'Get-SubscriptionLicenseInfo' -CommandType Cmdlet, Function -ErrorAction SilentlyContinue | Select-Object -First 1
}

try {
    $command = Find-SubscriptionCommand
    $cmdletAvailable = $null -ne $command
    $info = $null
    if ($cmdletAvailable) {
        # No object when it cannot read the SoftwareLicensingService instance: every value stays null.
        $info = @(& $command) | Select-Object -First 1
    }
    $policy = Get-RegistryValues -Path 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate'
    $expiry = Get-ValueOrNull -InputObject $info -Name 'SubscriptionExpiry'
    if ($null -ne $expiry) {
        $expiry = [string]$expiry
    }
    $result = [ordered]@{
        cmdletAvailable = $cmdletAvailable
        typeValue       = Get-ValueOrNull -InputObject $info -Name 'SubscriptionTypeValue'
        statusValue     = Get-ValueOrNull -InputObject $info -Name 'SubscriptionStatusValue'
        expiry          = $expiry
        edition         = Get-ValueOrNull -InputObject $info -Name 'SubscriptionEdition'
        doNotConnectToWindowsUpdateInternetLocations = Get-ValueOrNull -InputObject $policy -Name 'DoNotConnectToWindowsUpdateInternetLocations'
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
