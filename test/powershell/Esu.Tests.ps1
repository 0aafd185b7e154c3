# esu.ps1: the three Windows 10 ESU add-on licences read from SoftwareLicensingProduct by their
# activation IDs (with or without a key), each property as WMI names it, one JSON document, and the
# error envelope when CIM refuses. The machine is test/fixtures/windows/win10-22h2-esu/esu.json.
#
# Not visible here (PowerShell 7 on Linux vs Windows PowerShell 5.1): how WMI evaluates the WQL
# filter (recorded, not evaluated), whether the ESU licences really report LicenseIsAddon true, the
# Name strings of the Year 2 and Year 3 licences, and 5.1's ConvertTo-Json layout.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    $script:EsuIds = @('f520e45e-7413-4a34-a497-d2765967d094', '1043add5-23b1-4afb-9a0f-64343c8f3f8d', '83d49986-add3-41d7-ba33-87c7bfb5c0fb')

    # The fixture's products as CIM instances (dates none; values typed as WMI gives them).
    function New-EsuProducts {
        $fixture = Read-Fixture 'win10-22h2-esu' 'esu'
        foreach ($product in @($fixture.products)) {
            $properties = [ordered]@{}
            foreach ($p in $product.PSObject.Properties) { $properties[$p.Name] = $p.Value }
            $properties['LicenseStatus'] = [uint32]$properties['LicenseStatus']
            $properties['GracePeriodRemaining'] = [uint32]$properties['GracePeriodRemaining']
            New-CimObject 'SoftwareLicensingProduct' $properties
        }
    }
}

Describe 'esu.ps1' {
    BeforeEach {
        # Global, as Machine.ps1 does: the mock's body runs in the script's scope, not this file's.
        $global:ADEsu = @{ queries = (New-Object -TypeName 'System.Collections.Generic.List[object]'); products = @(New-EsuProducts) }
        Mock Get-CimInstance {
            $global:ADEsu.queries.Add([pscustomobject]@{ ClassName = $ClassName; Filter = $Filter; Property = $Property })
            $global:ADEsu.products
        }
    }

    It 'prints the three licences under strict mode, as one JSON document' {
        Set-StrictMode -Version Latest
        $output = & (Get-ProbePath 'esu') -ArgsBase64 (ConvertTo-ArgsBase64 @{})
        $json = Read-SingleJson $output
        $json.PSObject.Properties.Name | Should -Be @('products') -Because ([string]$output)
        @($json.products).Count | Should -Be 3
        $first = @($json.products)[0]
        $first.ID | Should -Be 'f520e45e-7413-4a34-a497-d2765967d094'
        $first.PartialProductKey | Should -Be '4C6R8'
        $first.LicenseStatus | Should -Be 1
        $first.LicenseIsAddon | Should -BeTrue
        @($first.PSObject.Properties.Name) | Should -Be @('ID', 'ApplicationID', 'Name', 'Description', 'ProductKeyChannel', 'PartialProductKey', 'LicenseStatus', 'LicenseStatusReason', 'GracePeriodRemaining', 'LicenseIsAddon')
        @($json.products)[1].PartialProductKey | Should -BeNullOrEmpty
    }

    It 'asks for exactly the three ESU activation IDs, by ID alone, and only the properties it prints' {
        $null = & (Get-ProbePath 'esu') -ArgsBase64 (ConvertTo-ArgsBase64 @{})
        $global:ADEsu.queries.Count | Should -Be 1
        $query = $global:ADEsu.queries[0]
        $query.ClassName | Should -Be 'SoftwareLicensingProduct'
        $query.Filter | Should -Be (($EsuIds | ForEach-Object { "ID = '" + $_ + "'" }) -join ' OR ')
        $query.Filter | Should -Not -Match 'ApplicationID|PartialProductKey'
        $query.Property | Should -Contain 'PartialProductKey'
        $query.Property | Should -Not -Contain 'ProductKey'
        $query.Property | Should -Not -Contain 'OfflineInstallationId'
    }

    It 'prints an empty list where Windows has no ESU licence (not Windows 10 22H2 with KB5046613)' {
        $global:ADEsu.products = @()
        $json = Read-SingleJson (& (Get-ProbePath 'esu') -ArgsBase64 (ConvertTo-ArgsBase64 @{}))
        @($json.products).Count | Should -Be 0
    }

    It 'prints the error envelope with the WMI code when CIM denies access' {
        Mock Get-CimInstance { throw (New-CimErrorRecord -Code 2147749891 -Message 'Access denied' -Category 'PermissionDenied' -Command 'GetCimInstanceCommand') }
        $json = Read-SingleJson (& (Get-ProbePath 'esu') -ArgsBase64 (ConvertTo-ArgsBase64 @{}))
        $json.error.kind | Should -Be 'access-denied'
        $json.error.hresult | Should -Be 2147749891
    }
}
