# subscription.ps1: Microsoft's Get-SubscriptionLicenseInfo where it exists (its numeric values
# only), and the Windows Update policy a subscription device needs. The cmdlet is a global function
# giving the output its reference page documents (SubscriptionTypeValue, SubscriptionStatusValue,
# ...): the script calls the command Get-Command found, so a Pester mock (an alias) would not be hit.
#
# Not visible here: a real OSLicense module (2026-09 update), what SubscriptionExpiry looks like on
# a real device (the page says only that it is not converted), the real registry provider.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    function Set-SubscriptionCmdlet([scriptblock]$Body) {
        if ($null -ne $Body) { Set-Item -Path 'function:global:Get-SubscriptionLicenseInfo' -Value $Body; return }
        while (Test-Path -LiteralPath 'function:\Get-SubscriptionLicenseInfo') { Remove-Item -LiteralPath 'function:\Get-SubscriptionLicenseInfo' -Force }
    }
    function Invoke-Subscription {
        Set-StrictMode -Version Latest
        $output = & (Get-ProbePath 'subscription') -ArgsBase64 (ConvertTo-ArgsBase64 @{})
        return Read-SingleJson $output
    }
}

Describe 'subscription.ps1' {
    BeforeEach {
        Mock Test-Path -ParameterFilter { [string]$LiteralPath -like 'HKLM:*' } { $false }
    }

    It 'says when this Windows has no Get-SubscriptionLicenseInfo, and reads nothing else' {
        Set-SubscriptionCmdlet $null
        $json = Invoke-Subscription
        $json.cmdletAvailable | Should -BeFalse
        $json.statusValue | Should -BeNullOrEmpty
        $json.doNotConnectToWindowsUpdateInternetLocations | Should -BeNullOrEmpty
    }

    It 'prints the numeric type and status of an active subscription, never the localized text' {
        Set-SubscriptionCmdlet {
            [pscustomobject]@{ SubscriptionType = 'Abonnement pro Benutzer'; SubscriptionTypeValue = 0; SubscriptionStatus = 'Aktiv'; SubscriptionStatusValue = 1; SubscriptionExpiry = 20270101; SubscriptionEdition = 'Enterprise' }
        }
        $json = Invoke-Subscription
        $json.cmdletAvailable | Should -BeTrue
        $json.typeValue | Should -Be 0
        $json.statusValue | Should -Be 1
        $json.expiry | Should -Be '20270101'
        $json.edition | Should -Be 'Enterprise'
        $json.PSObject.Properties.Name | Should -Not -Contain 'SubscriptionStatus'
    }

    It 'keeps every value null when the cmdlet returns nothing' {
        Set-SubscriptionCmdlet { }
        $json = Invoke-Subscription
        $json.cmdletAvailable | Should -BeTrue
        $json.statusValue | Should -BeNullOrEmpty
        $json.edition | Should -BeNullOrEmpty
    }

    It 'reads the DoNotConnectToWindowsUpdateInternetLocations policy' {
        Set-SubscriptionCmdlet $null
        Mock Test-Path -ParameterFilter { [string]$LiteralPath -eq 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate' } { $true }
        Mock Get-ItemProperty -ParameterFilter { [string]$LiteralPath -eq 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate' } { [pscustomobject]@{ DoNotConnectToWindowsUpdateInternetLocations = 1; WUServer = 'http://wsus.corp.contoso.com:8530' } }
        $json = Invoke-Subscription
        $json.doNotConnectToWindowsUpdateInternetLocations | Should -Be 1
    }
}

AfterAll {
    while (Test-Path -LiteralPath 'function:\Get-SubscriptionLicenseInfo') { Remove-Item -LiteralPath 'function:\Get-SubscriptionLicenseInfo' -Force }
}
