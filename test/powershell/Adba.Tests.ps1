# adba.ps1: the forest's Active Directory-based activation objects, read over LDAP without the
# ActiveDirectory module. The directory is the boundary: its two functions (Open-DirectoryEntry,
# Find-ActivationObject) are mocked with the shapes ADSI gives (a PropertyCollection for rootDSE,
# ResultPropertyCollections with lower-case names and array values, msSPP-CSVLKSkuId as 16 bytes),
# and once more at New-Object, to pin how the wrappers bind and search.
#
# Not visible here: a real domain controller, Kerberos, the bind and search timings, the exact
# COMException a 5.1 DirectoryEntry throws for a missing container (slmgr.vbs documents 0x80072030).

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    foreach ($boundary in @('Open-DirectoryEntry', 'Find-ActivationObject')) {
        if (-not (Get-Command -Name $boundary -ErrorAction SilentlyContinue)) {
            $null = New-Item -Path ('function:global:' + $boundary) -Value ([scriptblock]::Create("param(`$Path, `$Container, `$Seconds) throw '$boundary`: mock it'"))
        }
    }
    $global:AdbaConfig = 'CN=Configuration,DC=corp,DC=contoso,DC=com'
    $global:AdbaContainer = 'CN=Activation Objects,CN=Microsoft SPP,CN=Services,' + $global:AdbaConfig
    # The Windows Server 2022 CSVLK SKU ID is not published; this one is synthetic. The Office one is Microsoft's.
    $global:AdbaWindowsSku = [guid]'2e4b1f80-4c1a-4b0f-9f7d-7f1e3c6a9b21'
    $global:AdbaOfficeSku = [guid]'47f3b983-7c53-4d45-abc6-bcd91e2dd90a'

    function New-ObjectProperties([string]$Name, [guid]$Sku, [string]$Last5) {
        $dn = 'CN=' + $Sku.ToString() + ',' + $global:AdbaContainer
        return @{
            displayname                  = @($Name)
            distinguishedname            = @($dn)
            'msspp-csvlkskuid'           = @(, $Sku.ToByteArray())
            'msspp-csvlkpartialproductkey' = @($Last5)
            'msspp-csvlkpid'             = @('06401-00206-271-000001-03-1033-17763.0000-0012022')
        }
    }
    function Invoke-Adba {
        Set-StrictMode -Version Latest
        $output = & (Get-ProbePath 'adba') -ArgsBase64 (ConvertTo-ArgsBase64 @{})
        return Read-SingleJson $output
    }
    function Use-DomainMember {
        Mock Get-CimInstance { New-CimObject 'Win32_ComputerSystem' ([ordered]@{ PartOfDomain = $true; Domain = 'corp.contoso.com' }) }
    }
}

Describe 'adba.ps1' {
    It 'reads nothing on a workgroup computer' {
        Mock Get-CimInstance { New-CimObject 'Win32_ComputerSystem' ([ordered]@{ PartOfDomain = $false; Domain = 'WORKGROUP' }) }
        Mock Open-DirectoryEntry { throw 'must not bind' }
        $json = Invoke-Adba
        $json.partOfDomain | Should -BeFalse
        $json.domain | Should -BeNullOrEmpty
        @($json.objects).Count | Should -Be 0
        Should -Invoke Open-DirectoryEntry -Times 0
    }

    It "lists the activation objects of the computer's own domain, with the SKU ID as a GUID" {
        Use-DomainMember
        Mock Open-DirectoryEntry -ParameterFilter { $Path -eq 'LDAP://corp.contoso.com/rootDSE' } { [pscustomobject]@{ Properties = @{ configurationNamingContext = @($global:AdbaConfig) } } }
        Mock Open-DirectoryEntry -ParameterFilter { $Path -eq ('LDAP://corp.contoso.com/' + $global:AdbaContainer) } { [pscustomobject]@{ Path = $Path } }
        Mock Find-ActivationObject { , @((New-ObjectProperties 'WS2022 CSVLK' $global:AdbaWindowsSku 'ABCDE'), (New-ObjectProperties 'Office LTSC 2021' $global:AdbaOfficeSku 'FGHIJ')) }
        $json = Invoke-Adba
        $json.partOfDomain | Should -BeTrue
        $json.domain | Should -Be 'corp.contoso.com'
        $json.configurationNamingContext | Should -Be $global:AdbaConfig
        $json.container | Should -Be 'present'
        @($json.objects).Count | Should -Be 2
        $json.objects[0].name | Should -Be 'WS2022 CSVLK'
        $json.objects[0].csvlkSkuId | Should -Be $global:AdbaWindowsSku.ToString()
        $json.objects[1].csvlkSkuId | Should -Be '47f3b983-7c53-4d45-abc6-bcd91e2dd90a'
        $json.objects[1].partialProductKey | Should -Be 'FGHIJ'
        $json.objects[0].dn | Should -BeLike 'CN=*,CN=Activation Objects,CN=Microsoft SPP,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com'
        Should -Invoke Find-ActivationObject -Times 1 -ParameterFilter { $Seconds -gt 0 -and $Seconds -le 10 }
    }

    It 'reports a missing container (0x80072030) as absent, not as a failure' {
        Use-DomainMember
        Mock Open-DirectoryEntry -ParameterFilter { $Path -like '*/rootDSE' } { [pscustomobject]@{ Properties = @{ configurationNamingContext = @($global:AdbaConfig) } } }
        Mock Open-DirectoryEntry -ParameterFilter { $Path -like '*CN=Activation Objects*' } { throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList 'There is no such object on the server.', -2147016656) }
        Mock Find-ActivationObject { throw 'must not search' }
        $json = Invoke-Adba
        $json.PSObject.Properties.Name | Should -Not -Contain "error" -Because ($json | ConvertTo-Json -Depth 5)
        $json.container | Should -Be 'absent'
        @($json.objects).Count | Should -Be 0
    }

    It 'prints the error envelope when the domain cannot be reached' {
        Use-DomainMember
        Mock Open-DirectoryEntry { throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList 'The server is not operational.', -2147016646) }
        $json = Invoke-Adba
        $json.error.kind | Should -Be 'failed'
        $json.error.hresult | Should -Be -2147016646
    }

    It 'binds read-only as the caller and searches one level for activation objects, bounded in time' {
        Use-DomainMember
        $global:AdbaCalls = New-Object -TypeName 'System.Collections.Generic.List[object]'
        Mock New-Object -ParameterFilter { $TypeName -eq 'System.DirectoryServices.DirectoryEntry' } {
            $global:AdbaCalls.Add(@{ entry = $ArgumentList })
            $entry = [pscustomobject]@{ Path = $ArgumentList[0]; Properties = @{ configurationNamingContext = @('CN=Configuration,DC=corp,DC=contoso,DC=com') } }
            $entry | Add-Member -MemberType ScriptMethod -Name RefreshCache -Value { $global:AdbaCalls.Add(@{ refreshed = $this.Path }) }
            $entry
        }
        Mock New-Object -ParameterFilter { $TypeName -eq 'System.DirectoryServices.DirectorySearcher' } {
            $global:AdbaCalls.Add(@{ searcher = $ArgumentList })
            $results = New-Object -TypeName 'System.Collections.ArrayList'
            $null = $results.Add([pscustomobject]@{ Properties = @{ displayname = @('Windows'); distinguishedname = @('CN=x,CN=Activation Objects'); 'msspp-csvlkpartialproductkey' = @('ABCDE') } })
            $results | Add-Member -MemberType ScriptMethod -Name Dispose -Value { $global:AdbaCalls.Add(@{ disposed = 'results' }) }
            $searcher = [pscustomobject]@{ ClientTimeout = $null; ServerTimeLimit = $null; SizeLimit = 0; Results = $results }
            $searcher | Add-Member -MemberType ScriptMethod -Name FindAll -Value { $global:AdbaCalls.Add(@{ timeout = $this.ClientTimeout; limit = $this.ServerTimeLimit }); , $this.Results }
            $searcher | Add-Member -MemberType ScriptMethod -Name Dispose -Value { $global:AdbaCalls.Add(@{ disposed = 'searcher' }) }
            $searcher
        }
        $json = Invoke-Adba
        $json.PSObject.Properties.Name | Should -Not -Contain "error" -Because ($json | ConvertTo-Json -Depth 5)
        @($json.objects).Count | Should -Be 1
        $json.objects[0].csvlkSkuId | Should -BeNullOrEmpty
        $entries = @($global:AdbaCalls | Where-Object { $_.ContainsKey('entry') })
        $entries[0].entry[0] | Should -Be 'LDAP://corp.contoso.com/rootDSE'
        [string]$entries[0].entry[3] | Should -Be 'Secure, ReadonlyServer'
        $entries[1].entry[0] | Should -Be 'LDAP://corp.contoso.com/CN=Activation Objects,CN=Microsoft SPP,CN=Services,CN=Configuration,DC=corp,DC=contoso,DC=com'
        @($global:AdbaCalls | Where-Object { $_.ContainsKey('refreshed') }).Count | Should -Be 2
        $search = @($global:AdbaCalls | Where-Object { $_.ContainsKey('searcher') })[0].searcher
        $search[1] | Should -Be '(objectClass=msSPP-ActivationObject)'
        [string]$search[3] | Should -Be 'OneLevel'
        $timing = @($global:AdbaCalls | Where-Object { $_.ContainsKey('timeout') })[0]
        $timing.timeout.TotalSeconds | Should -Be 8
        $timing.limit.TotalSeconds | Should -Be 8
        @($global:AdbaCalls | Where-Object { $_.ContainsKey('disposed') }).Count | Should -Be 2
    }
}

AfterAll {
    Remove-Variable -Scope Global -Name 'AdbaConfig', 'AdbaContainer', 'AdbaWindowsSku', 'AdbaOfficeSku', 'AdbaCalls' -ErrorAction SilentlyContinue
}
