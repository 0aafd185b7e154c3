# subscription.ps1: the Subscription* properties of SoftwareLicensingService (Microsoft's
# Get-SubscriptionLicenseInfo reads its type, status, expiry and edition there) and the Windows
# Update policy a subscription device needs. Get-CimInstance is mocked with a CIM-shaped instance.
#
# Not visible here: the real class on a Windows with subscription activation (which Subscription*
# properties it has, and their CIM types), the real registry provider.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
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

    It 'prints every Subscription* property by name, and nothing else of the service' {
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingService' } {
            New-CimObject 'SoftwareLicensingService' ([ordered]@{ Version = '10.0.26100.6584'; OA3xOriginalProductKey = 'XXXXX-XXXXX-XXXXX-XXXXX-XXXXX'; SubscriptionType = [uint32]0; SubscriptionStatus = [uint32]1; SubscriptionExpiry = '0'; SubscriptionEdition = 'Enterprise' })
        }
        $json = Invoke-Subscription
        @($json.properties.PSObject.Properties.Name) | Should -Be @('SubscriptionType', 'SubscriptionStatus', 'SubscriptionExpiry', 'SubscriptionEdition')
        $json.properties.SubscriptionType | Should -Be 0
        $json.properties.SubscriptionStatus | Should -Be 1
        $json.properties.SubscriptionEdition | Should -Be 'Enterprise'
        ([string]($json | ConvertTo-Json -Depth 5)) | Should -Not -Match 'OA3xOriginalProductKey'
        Should -Invoke Get-CimInstance -Times 1 -ParameterFilter { $null -eq $Property }
    }

    It 'prints no properties on a Windows whose service has none' {
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingService' } { New-CimObject 'SoftwareLicensingService' ([ordered]@{ Version = '10.0.17763.1' }) }
        $json = Invoke-Subscription
        @($json.properties.PSObject.Properties).Count | Should -Be 0
        $json.doNotConnectToWindowsUpdateInternetLocations | Should -BeNullOrEmpty
    }

    It 'reads the DoNotConnectToWindowsUpdateInternetLocations policy' {
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingService' } { New-CimObject 'SoftwareLicensingService' ([ordered]@{ Version = '10.0.26100.1' }) }
        Mock Test-Path -ParameterFilter { [string]$LiteralPath -eq 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate' } { $true }
        Mock Get-ItemProperty -ParameterFilter { [string]$LiteralPath -eq 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate' } { [pscustomobject]@{ DoNotConnectToWindowsUpdateInternetLocations = 1; WUServer = 'http://wsus.corp.contoso.com:8530' } }
        $json = Invoke-Subscription
        $json.doNotConnectToWindowsUpdateInternetLocations | Should -Be 1
    }

    It 'prints the error envelope when the licensing service cannot be read' {
        Mock Get-CimInstance { throw (New-CimErrorRecord -Code 2147749891 -Message 'Access denied' -Category 'PermissionDenied' -Command 'GetCimInstanceCommand') }
        $json = Invoke-Subscription
        $json.error.kind | Should -Be 'access-denied'
    }
}
