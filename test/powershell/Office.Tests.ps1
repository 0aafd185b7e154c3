# office.ps1 (the windows.office probe) on its own, under Set-StrictMode -Version Latest: it keeps
# only Office licences whatever CIM returns, reads Click-to-Run and LicensingNext from the registry,
# and reports a CIM failure as the error envelope with its HRESULT. The fixture machines (Probes.Tests.ps1)
# cover the full output; here CIM and the registry are mocked per test.
#
# Not visible here: real WQL (the filters are recorded, not evaluated), the real registry provider
# and 5.1's ConvertTo-Json layout.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    $global:ADO_Office = '0ff1ce15-a989-479d-af46-f275c6370663'

    function Invoke-Office {
        Set-StrictMode -Version Latest
        return Read-SingleJson (& (Get-ProbePath 'office') -ArgsBase64 (ConvertTo-ArgsBase64 @{}))
    }
    function New-Licence([string]$Id, [string]$AppId, [string]$Key, [string]$Family, [string]$Description) {
        New-CimObject 'SoftwareLicensingProduct' ([ordered]@{
            ID = $Id; ApplicationID = $AppId; Name = 'Office 19, ' + $Family + ' edition'; Description = $Description; LicenseFamily = $Family
            PartialProductKey = $Key; LicenseStatus = [uint32]1; LicenseStatusReason = [uint32]1074066433; GracePeriodRemaining = [uint32]259200
            KeyManagementServiceMachine = 'kms02.firma.example'; KeyManagementServicePort = [uint32]1688; IsKeyManagementServiceMachine = [uint32]0
            KeyManagementServiceCurrentCount = [uint32]4294967295
        })
    }
}

Describe 'office.ps1' {
    BeforeEach {
        $global:ADO_Registry = @{}
        $global:ADO_Products = @(
            (New-Licence '55555555-0000-4000-8000-000000000001' '55c92734-d682-4d71-983e-d6ec3f16059f' '2YT43' 'Enterprise' 'Windows(R) Operating System, VOLUME_KMSCLIENT channel'),
            (New-Licence '6e7c4a8b-2f31-4d59-9e0a-3b8f1c2d5a67' $global:ADO_Office 'WKP00' 'Office19ProPlus2019VL_KMS_Client_AE' 'Office 19, VOLUME_KMSCLIENT channel'),
            (New-Licence '11111111-2222-4333-8444-555555555555' $global:ADO_Office $null 'Office19VisioPro2019VL_KMS_Client_AE' 'Office 19, VOLUME_KMSCLIENT channel'),
            (New-Licence '22222222-2222-4333-8444-555555555555' $global:ADO_Office $null 'Office19ProPlus2019R_Retail' 'Office 19, RETAIL channel'),
            (New-Licence '70512334-47B4-44DB-A233-BE5EA33B914C' '0ff1ce16-a989-479d-af46-f275c6370663' 'KDQ2G' 'Office19KMSHostVL_KMS_Host' 'Office 19, VOLUME_KMS channel')
        )
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' } { $global:ADO_Products }
        Mock Test-Path -ParameterFilter { [string]$LiteralPath -like 'HK*' } { $global:ADO_Registry.ContainsKey([string]$LiteralPath) }
        Mock Get-ItemProperty -ParameterFilter { [string]$LiteralPath -like 'HK*' } { [pscustomobject]$global:ADO_Registry[[string]$LiteralPath] }
    }

    It 'prints only the Office licences with a key, the volume licences and the Office KMS host licence' {
        $json = Invoke-Office
        @($json.products).Count | Should -Be 1
        $json.products[0].ID | Should -Be '6e7c4a8b-2f31-4d59-9e0a-3b8f1c2d5a67'
        $json.products[0].PartialProductKey | Should -Be 'WKP00'
        $json.products[0].KeyManagementServiceMachine | Should -Be 'kms02.firma.example'
        @($json.kmsClientLicences | ForEach-Object { $_.LicenseFamily }) | Should -Be @('Office19ProPlus2019VL_KMS_Client_AE', 'Office19VisioPro2019VL_KMS_Client_AE')
        @($json.kmsHostLicences).Count | Should -Be 1
        $json.kmsHostLicences[0].PartialProductKey | Should -Be 'KDQ2G'
        $json.clickToRun.installed | Should -BeFalse
        $json.ospp | Should -BeNullOrEmpty
    }

    It 'asks CIM for the Office ApplicationID and for the Office KMS host activation IDs' {
        $null = Invoke-Office
        Should -Invoke Get-CimInstance -ParameterFilter { $Filter -eq "ApplicationID = '0ff1ce15-a989-479d-af46-f275c6370663' AND PartialProductKey IS NOT NULL" }
        Should -Invoke Get-CimInstance -ParameterFilter { $Filter -like "*ID = 'f3d89bbf-c0ec-47ce-a8fa-e5a5f97e447f' OR *" -and $Filter -like "*ID = '98ebfe73-2084-4c97-932c-c0cd1643bea7'" }
        Should -Invoke Get-CimInstance -Times 0 -ParameterFilter { $Filter -like '*55c92734*' }
    }

    It 'reads Click-to-Run product IDs, shared computer activation and the LicensingNext (vNext) value' {
        $global:ADO_Registry['HKLM:\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'] = @{ ProductReleaseIds = 'O365ProPlusRetail, VisioProRetail'; VersionToReport = '16.0.17928.20156'; SharedComputerLicensing = '1' }
        $global:ADO_Registry['HKCU:\SOFTWARE\Microsoft\Office\16.0\Common\Licensing\LicensingNext'] = @{ PSPath = 'x'; 'o365proplusretail' = 2 }
        $global:ADO_Registry['HKLM:\SOFTWARE\Microsoft\OfficeSoftwareProtectionPlatform'] = @{ KeyManagementServiceName = 'kms-old.firma.example'; KeyManagementServicePort = '1688' }
        $json = Invoke-Office
        $json.clickToRun.installed | Should -BeTrue
        @($json.clickToRun.productReleaseIds) | Should -Be @('O365ProPlusRetail', 'VisioProRetail')
        $json.clickToRun.sharedComputerLicensing | Should -BeTrue
        $json.clickToRun.licensingNext | Should -BeTrue
        $json.ospp.KeyManagementServiceName | Should -Be 'kms-old.firma.example'
    }

    It 'a LicensingNext key without a value of 2 is not vNext' {
        $global:ADO_Registry['HKCU:\SOFTWARE\Microsoft\Office\16.0\Common\Licensing\LicensingNext'] = @{ 'o365proplusretail' = 0 }
        (Invoke-Office).clickToRun.licensingNext | Should -BeFalse
    }

    It 'a CIM failure is printed as the error envelope with its HRESULT' {
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' } { throw (New-CimErrorRecord -Code 2147749891 -Message 'Access denied' -Category 'PermissionDenied' -Command 'GetCimInstanceCommand') }
        $json = Invoke-Office
        $json.error.kind | Should -Be 'access-denied'
        $json.error.hresult | Should -Be 2147749891
    }
}
