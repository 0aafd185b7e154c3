# Every fix operation (main/fixes/windows/*.ps1) run under Set-StrictMode -Version Latest: the exact
# CIM method, cmdlet or program each calls, with the exact arguments; failures (a non-zero
# ReturnValue, an MSFT_WmiError, a program's exit code) carrying the real HRESULT; hostile input
# (from test/unit/fixes/hostile-corpus.ts) reaching nothing but a method argument.
#
# Not visible here (PowerShell 7 on Linux vs Windows PowerShell 5.1): a real CimException and
# CimInstance (the mocks are shaped like them: MSFT_WmiError.error_Code as UInt32), what the
# licensing service does with the arguments, real NetSecurity/ServerManager cmdlets, w32tm.exe and
# sc.exe themselves (stand-ins by absolute path report exit codes), and 5.1's native-command stderr
# handling.

BeforeDiscovery {
    # Seeds of test/unit/fixes/hostile-corpus.ts (non-ASCII ones built from code points, so the file
    # stays ASCII for Windows PowerShell 5.1).
    $script:Hostile = @(
        "kms1'; Remove-Item C:\ -Recurse; '",
        'kms1"; calc; "',
        'kms1`whoami`',
        '$(Invoke-Expression calc)',
        '$(calc)',
        '${env:windir}',
        '@(calc)',
        'kms1; calc',
        'kms1 && calc',
        'kms1 | Out-File x',
        "kms1`ncalc",
        "kms1`r`ncalc",
        '-ExecutionPolicy Bypass',
        '\\evil\share\x.ps1',
        ('kms1' + [char]0x2019 + '; calc ' + [char]0x2018),
        ('kms1' + [char]0x202E + 'corp'),
        '"',
        "'",
        '`'
    )
}

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    $global:ADT_AppId = '55c92734-d682-4d71-983e-d6ec3f16059f'
    $global:ADT_ActivationId = '73111121-5638-40f6-bc11-f1d7b0d64300'

    function Invoke-Fix([string]$Name, $Request) {
        Set-StrictMode -Version Latest
        return Read-SingleJson (& (Get-FixPath $Name) -ArgsBase64 (ConvertTo-ArgsBase64 $Request))
    }

    # Code must never be built from input: these would be the ways.
    function Assert-NoCodeFromInput {
        Should -Invoke Invoke-Expression -Times 0 -Exactly -Scope It
        Should -Invoke Start-Process -Times 0 -Exactly -Scope It
    }
}

Describe 'fix-licensing.ps1' {
    BeforeEach {
        $global:ADT_Service = New-CimObject 'SoftwareLicensingService' ([ordered]@{ Version = '10.0.17763.1'; KeyManagementServiceMachine = '' })
        $global:ADT_Product = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = $global:ADT_ActivationId; ApplicationID = $global:ADT_AppId; PartialProductKey = 'J464C'; LicenseIsAddon = $false; OfflineInstallationId = '1234567' })
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingService' } { $global:ADT_Service }
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' } { $global:ADT_Product }
        Mock Invoke-CimMethod -RemoveParameterType InputObject { New-CimObject '__PARAMETERS' ([ordered]@{ ReturnValue = [uint32]0 }) }
        Mock Invoke-Expression { throw 'Invoke-Expression must not run' }
        Mock Start-Process { throw 'Start-Process must not run' }
    }

    It 'install-product-key calls InstallProductKey with the key, then RefreshLicenseStatus' {
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'install-product-key'; key = 'N69G4-B89J2-4G8F4-WWYCC-J464C' }
        $result.ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'InstallProductKey' -and $InputObject -eq $global:ADT_Service -and $Arguments.Count -eq 1 -and $Arguments['ProductKey'] -ceq 'N69G4-B89J2-4G8F4-WWYCC-J464C' }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'RefreshLicenseStatus' -and $null -eq $Arguments }
        Should -Invoke Invoke-CimMethod -Times 2 -Exactly
    }

    It 'set-kms-machine sets the host and the port (as UInt32), or clears the port' {
        (Invoke-Fix 'fix-licensing' @{ operation = 'set-kms-machine'; host = 'kms01.corp.example'; port = 1688 }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServiceMachine' -and $Arguments['MachineName'] -ceq 'kms01.corp.example' }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServicePort' -and $Arguments['PortNumber'] -is [uint32] -and $Arguments['PortNumber'] -eq 1688 }
        (Invoke-Fix 'fix-licensing' @{ operation = 'set-kms-machine'; host = 'kms01.corp.example' }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'ClearKeyManagementServicePort' }
    }

    It 'clear-kms-machine and set-kms-lookup-domain call their methods' {
        (Invoke-Fix 'fix-licensing' @{ operation = 'clear-kms-machine' }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'ClearKeyManagementServiceMachine' }
        (Invoke-Fix 'fix-licensing' @{ operation = 'set-kms-lookup-domain'; domain = 'corp.example' }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServiceLookupDomain' -and $Arguments['LookupDomain'] -ceq 'corp.example' }
    }

    It 'set-kms-machine and clear-kms-machine with an activation ID act on that Windows licence, not the service (slmgr /skms host ActID, /ckms ActID)' {
        (Invoke-Fix 'fix-licensing' @{ operation = 'set-kms-machine'; host = 'kms02.corp.example'; port = 1700; activationId = $global:ADT_ActivationId }).ok | Should -BeTrue
        Should -Invoke Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' -and $Filter -eq ("ApplicationID = '" + $global:ADT_AppId + "' AND ID = '" + $global:ADT_ActivationId + "'") }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServiceMachine' -and $InputObject -eq $global:ADT_Product -and $Arguments['MachineName'] -ceq 'kms02.corp.example' }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServicePort' -and $InputObject -eq $global:ADT_Product -and $Arguments['PortNumber'] -eq 1700 }
        (Invoke-Fix 'fix-licensing' @{ operation = 'clear-kms-machine'; activationId = $global:ADT_ActivationId }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'ClearKeyManagementServiceMachine' -and $InputObject -eq $global:ADT_Product }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'ClearKeyManagementServicePort' -and $InputObject -eq $global:ADT_Product }
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly -ParameterFilter { $InputObject -eq $global:ADT_Service }
    }

    It 'activate calls Activate on the product with that activation ID (or the primary one)' {
        (Invoke-Fix 'fix-licensing' @{ operation = 'activate'; activationId = $global:ADT_ActivationId }).ok | Should -BeTrue
        Should -Invoke Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' -and $Filter -eq ("ApplicationID = '" + $global:ADT_AppId + "' AND ID = '" + $global:ADT_ActivationId + "'") }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'Activate' -and $InputObject -eq $global:ADT_Product -and $null -eq $Arguments }
        (Invoke-Fix 'fix-licensing' @{ operation = 'activate' }).ok | Should -BeTrue
        Should -Invoke Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' -and $Filter -like '*PartialProductKey IS NOT NULL AND LicenseIsAddon = FALSE' }
    }

    It 'activate without an activation ID acts on the product selectWindowsProduct picks: a licensed row before an Unlicensed leftover that WMI lists first, never an ESU licence' {
        $leftover = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = 'b92e9980-b9d5-4821-9c94-140f632f6312'; ApplicationID = $global:ADT_AppId; PartialProductKey = '3V66T'; LicenseIsAddon = $false; LicenseStatus = [uint32]0 })
        $esu = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = 'f520e45e-7413-4a34-a497-d2765967d094'; ApplicationID = $global:ADT_AppId; PartialProductKey = '4C6R8'; LicenseIsAddon = $false; LicenseStatus = [uint32]5 })
        $inUse = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = $global:ADT_ActivationId; ApplicationID = $global:ADT_AppId; PartialProductKey = 'J464C'; LicenseIsAddon = $false; LicenseStatus = [uint32]5 })
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' } { $leftover; $esu; $inUse }
        (Invoke-Fix 'fix-licensing' @{ operation = 'activate' }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'Activate' -and $InputObject -eq $inUse }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'Activate' }
    }

    It 'activate-licence (slmgr /ato with an activation ID) activates that licence by ID alone, only when it has a key' {
        $esu = 'f520e45e-7413-4a34-a497-d2765967d094'
        $global:ADT_Product = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = $esu; ApplicationID = $global:ADT_AppId; PartialProductKey = '4C6R8'; LicenseIsAddon = $true; LicenseStatus = [uint32]0 })
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'activate-licence'; activationId = $esu.ToUpperInvariant() }
        $result.ok | Should -BeTrue
        $result.data.alreadyLicensed | Should -BeFalse
        Should -Invoke Get-CimInstance -Times 1 -Exactly -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' -and $Filter -ceq ("ID = '" + $esu + "' AND PartialProductKey IS NOT NULL") }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'Activate' -and $InputObject -eq $global:ADT_Product -and $null -eq $Arguments }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'RefreshLicenseStatus' }
    }

    It 'activate-licence leaves an already licensed licence alone (a MAK counts every activation)' {
        $global:ADT_Product = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = $global:ADT_ActivationId; PartialProductKey = '4C6R8'; LicenseStatus = [uint32]1 })
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'activate-licence'; activationId = $global:ADT_ActivationId }
        $result.ok | Should -BeTrue
        $result.data.alreadyLicensed | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly -ParameterFilter { $MethodName -eq 'Activate' }
    }

    It 'activate-licence fails, activating nothing, when no key is installed for that licence (the key was for another year)' {
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' } { $null }
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'activate-licence'; activationId = '1043add5-23b1-4afb-9a0f-64343c8f3f8d' }
        $result.error.kind | Should -Be 'failed'
        $result.error.message | Should -BeLike '*1043add5-23b1-4afb-9a0f-64343c8f3f8d has a product key installed*another licence*'
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly
    }

    It 'activate-licence with the key just installed refuses a licence that carries another key' {
        $global:ADT_Product = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = $global:ADT_ActivationId; PartialProductKey = 'OLD99'; LicenseStatus = [uint32]0 })
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'activate-licence'; activationId = $global:ADT_ActivationId; partialKey = '4C6R8' }
        $result.error.message | Should -BeLike '*ending in OLD99, not the one just installed*'
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly
        $global:ADT_Product.PartialProductKey = '4C6R8'
        (Invoke-Fix 'fix-licensing' @{ operation = 'activate-licence'; activationId = $global:ADT_ActivationId; partialKey = '4C6R8' }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'Activate' }
    }

    It 'get-installation-id reads OfflineInstallationId; deposit-confirmation-id passes both IDs' {
        (Invoke-Fix 'fix-licensing' @{ operation = 'get-installation-id'; activationId = $global:ADT_ActivationId }).data.installationId | Should -Be '1234567'
        (Invoke-Fix 'fix-licensing' @{ operation = 'deposit-confirmation-id'; activationId = $global:ADT_ActivationId; installationId = '1234567'; confirmationId = '111111222222' }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'DepositOfflineConfirmationId' -and $Arguments['InstallationId'] -ceq '1234567' -and $Arguments['ConfirmationId'] -ceq '111111222222' }
    }

    It 'an MSFT_WmiError becomes a failure carrying its error_Code (0xC004F074), not the generic HResult' {
        Mock Invoke-CimMethod -RemoveParameterType InputObject -ParameterFilter { $MethodName -eq 'Activate' } { throw (New-CimErrorRecord -Code 3221549172 -Message 'No Key Management Service (KMS) could be contacted.') }
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'activate'; activationId = $global:ADT_ActivationId }
        $result.error.hresult | Should -Be 3221549172
        $result.error.kind | Should -Be 'failed'
        $result.error.errorId | Should -BeLike 'HRESULT 0xc004f074,*'
        $result.error.message | Should -Be 'No Key Management Service (KMS) could be contacted.'
    }

    It 'WBEM access denied (0x80041003, PermissionDenied) is reported as access-denied' {
        Mock Invoke-CimMethod -RemoveParameterType InputObject { throw (New-CimErrorRecord -Code 2147749891 -Message 'Access denied' -Category 'PermissionDenied') }
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'clear-kms-machine' }
        $result.error.kind | Should -Be 'access-denied'
        $result.error.hresult | Should -Be 2147749891
    }

    It 'a non-zero ReturnValue becomes a failure carrying that code' {
        Mock Invoke-CimMethod -RemoveParameterType InputObject -ParameterFilter { $MethodName -eq 'InstallProductKey' } { New-CimObject '__PARAMETERS' ([ordered]@{ ReturnValue = [uint32]3221549136 }) }
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'install-product-key'; key = 'N69G4-B89J2-4G8F4-WWYCC-J464C' }
        $result.PSObject.Properties.Name | Should -Not -Contain 'ok'
        ([int64]$result.error.hresult -band [int64]4294967295) | Should -Be 3221549136
        $result.error.message | Should -BeLike '*InstallProductKey returned 0xC004F050*'
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly -ParameterFilter { $MethodName -eq 'RefreshLicenseStatus' }
    }

    It 'hostile <_> reaches InstallProductKey and SetKeyManagementServiceMachine only as the argument value' -ForEach $Hostile {
        $text = $_
        (Invoke-Fix 'fix-licensing' @{ operation = 'install-product-key'; key = $text }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'InstallProductKey' -and $Arguments['ProductKey'] -ceq $text }
        (Invoke-Fix 'fix-licensing' @{ operation = 'set-kms-machine'; host = $text }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServiceMachine' -and $Arguments['MachineName'] -ceq $text }
        # Never part of a query: the CIM filters are our constants.
        Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { ([string]$Filter).Contains($text) }
        Assert-NoCodeFromInput
    }

    It 'hostile <_> as an activation ID is refused before any query or method' -ForEach $Hostile {
        $result = Invoke-Fix 'fix-licensing' @{ operation = 'activate'; activationId = $_ }
        $result.error.kind | Should -Be 'failed'
        (Invoke-Fix 'fix-licensing' @{ operation = 'activate-licence'; activationId = $_ }).error.kind | Should -Be 'failed'
        Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' }
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly
        Assert-NoCodeFromInput
    }

    It 'hostile <_> as the operation is refused' -ForEach $Hostile {
        (Invoke-Fix 'fix-licensing' @{ operation = $_ }).error.message | Should -BeLike 'Unknown operation*'
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly
    }
}

Describe 'fix-office.ps1' {
    BeforeAll {
        $global:ADT_OfficeAppId = '0ff1ce15-a989-479d-af46-f275c6370663'
        $global:ADT_OfficeId = '6e7c4a8b-2f31-4d59-9e0a-3b8f1c2d5a67'
        $global:ADT_OfficeId2 = 'a1b2c3d4-0000-4000-8000-123456789abc'
    }
    BeforeEach {
        $global:ADT_Service = New-CimObject 'SoftwareLicensingService' ([ordered]@{ Version = '10.0.19041.4355' })
        $global:ADT_Office = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = $global:ADT_OfficeId; ApplicationID = $global:ADT_OfficeAppId; PartialProductKey = '6F7TH' })
        $global:ADT_Office2 = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = $global:ADT_OfficeId2; ApplicationID = $global:ADT_OfficeAppId; PartialProductKey = 'WFG99' })
        $global:ADT_Windows = New-CimObject 'SoftwareLicensingProduct' ([ordered]@{ ID = $global:ADT_ActivationId; ApplicationID = $global:ADT_AppId; PartialProductKey = '2YT43' })
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingService' } { $global:ADT_Service }
        # WQL is not evaluated here: every licence comes back, and the script must keep only the one asked for.
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' } { $global:ADT_Windows; $global:ADT_Office; $global:ADT_Office2 }
        Mock Invoke-CimMethod -RemoveParameterType InputObject { New-CimObject '__PARAMETERS' ([ordered]@{ ReturnValue = [uint32]0 }) }
        Mock Invoke-Expression { throw 'Invoke-Expression must not run' }
        Mock Start-Process { throw 'Start-Process must not run' }
    }

    It 'install-product-key installs the key through the service, then RefreshLicenseStatus' {
        (Invoke-Fix 'fix-office' @{ operation = 'install-product-key'; key = 'FXYTK-NJJ8C-GB6DW-3DYQT-6F7TH' }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'InstallProductKey' -and $InputObject -eq $global:ADT_Service -and $Arguments['ProductKey'] -ceq 'FXYTK-NJJ8C-GB6DW-3DYQT-6F7TH' }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'RefreshLicenseStatus' }
    }

    It 'set-kms-machine sets host and port on each named Office licence, never on the service or Windows' {
        (Invoke-Fix 'fix-office' @{ operation = 'set-kms-machine'; activationIds = @($global:ADT_OfficeId, $global:ADT_OfficeId2); host = 'kms01.firma.example'; port = 1688 }).ok | Should -BeTrue
        Should -Invoke Get-CimInstance -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' -and $Filter -eq ("ApplicationID = '" + $global:ADT_OfficeAppId + "' AND ID = '" + $global:ADT_OfficeId + "'") }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServiceMachine' -and $InputObject -eq $global:ADT_Office -and $Arguments['MachineName'] -ceq 'kms01.firma.example' }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServiceMachine' -and $InputObject -eq $global:ADT_Office2 }
        Should -Invoke Invoke-CimMethod -Times 2 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServicePort' -and $Arguments['PortNumber'] -is [uint32] -and $Arguments['PortNumber'] -eq 1688 }
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly -ParameterFilter { $InputObject -eq $global:ADT_Service -or $InputObject -eq $global:ADT_Windows }
        (Invoke-Fix 'fix-office' @{ operation = 'set-kms-machine'; activationIds = @($global:ADT_OfficeId); host = 'kms01.firma.example' }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'ClearKeyManagementServicePort' -and $InputObject -eq $global:ADT_Office }
    }

    It 'clear-kms-machine clears host and port of the named Office licence only' {
        (Invoke-Fix 'fix-office' @{ operation = 'clear-kms-machine'; activationIds = @($global:ADT_OfficeId) }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'ClearKeyManagementServiceMachine' -and $InputObject -eq $global:ADT_Office }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'ClearKeyManagementServicePort' -and $InputObject -eq $global:ADT_Office }
        Should -Invoke Invoke-CimMethod -Times 2 -Exactly
    }

    It 'activate calls Activate on the Office licence with that activation ID, then RefreshLicenseStatus' {
        (Invoke-Fix 'fix-office' @{ operation = 'activate'; activationId = $global:ADT_OfficeId2.ToUpperInvariant() }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'Activate' -and $InputObject -eq $global:ADT_Office2 -and $null -eq $Arguments }
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'RefreshLicenseStatus' -and $InputObject -eq $global:ADT_Service }
    }

    It 'a Windows activation ID is refused: no Office licence has it, nothing is called' {
        $result = Invoke-Fix 'fix-office' @{ operation = 'activate'; activationId = $global:ADT_ActivationId }
        $result.error.message | Should -BeLike 'No Office licence with activation ID*'
        (Invoke-Fix 'fix-office' @{ operation = 'clear-kms-machine'; activationIds = @($global:ADT_ActivationId) }).error.message | Should -BeLike 'No Office licence*'
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly
    }

    It 'set and clear without an activation ID are refused (never the service-wide setting)' {
        (Invoke-Fix 'fix-office' @{ operation = 'set-kms-machine'; host = 'kms01.firma.example' }).error.message | Should -Be 'No Office activation ID was given'
        (Invoke-Fix 'fix-office' @{ operation = 'clear-kms-machine'; activationIds = @() }).error.message | Should -Be 'No Office activation ID was given'
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly
    }

    It 'no operation ever uninstalls a product key' {
        $null = Invoke-Fix 'fix-office' @{ operation = 'install-product-key'; key = 'FXYTK-NJJ8C-GB6DW-3DYQT-6F7TH' }
        $null = Invoke-Fix 'fix-office' @{ operation = 'set-kms-machine'; activationIds = @($global:ADT_OfficeId); host = 'kms01'; port = 1688 }
        $null = Invoke-Fix 'fix-office' @{ operation = 'clear-kms-machine'; activationIds = @($global:ADT_OfficeId) }
        $null = Invoke-Fix 'fix-office' @{ operation = 'activate'; activationId = $global:ADT_OfficeId }
        $null = Invoke-Fix 'fix-office' @{ operation = 'uninstall-product-key'; activationId = $global:ADT_OfficeId }
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly -ParameterFilter { $MethodName -eq 'UninstallProductKey' }
    }

    It 'an MSFT_WmiError from Activate becomes a failure carrying its error_Code' {
        Mock Invoke-CimMethod -RemoveParameterType InputObject -ParameterFilter { $MethodName -eq 'Activate' } { throw (New-CimErrorRecord -Code 3221549172 -Message 'No Key Management Service (KMS) could be contacted.') }
        $result = Invoke-Fix 'fix-office' @{ operation = 'activate'; activationId = $global:ADT_OfficeId }
        $result.error.hresult | Should -Be 3221549172
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly -ParameterFilter { $MethodName -eq 'RefreshLicenseStatus' }
    }

    It 'hostile <_> reaches InstallProductKey and SetKeyManagementServiceMachine only as the argument value' -ForEach $Hostile {
        $text = $_
        (Invoke-Fix 'fix-office' @{ operation = 'install-product-key'; key = $text }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'InstallProductKey' -and $Arguments['ProductKey'] -ceq $text }
        (Invoke-Fix 'fix-office' @{ operation = 'set-kms-machine'; activationIds = @($global:ADT_OfficeId); host = $text }).ok | Should -BeTrue
        Should -Invoke Invoke-CimMethod -Times 1 -Exactly -ParameterFilter { $MethodName -eq 'SetKeyManagementServiceMachine' -and $Arguments['MachineName'] -ceq $text }
        # The only query is our constant filter for the named licence.
        Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' -and $Filter -cne ("ApplicationID = '" + $global:ADT_OfficeAppId + "' AND ID = '" + $global:ADT_OfficeId + "'") }
        Assert-NoCodeFromInput
    }

    It 'hostile <_> as an activation ID is refused before any query or method' -ForEach $Hostile {
        (Invoke-Fix 'fix-office' @{ operation = 'activate'; activationId = $_ }).error.kind | Should -Be 'failed'
        (Invoke-Fix 'fix-office' @{ operation = 'clear-kms-machine'; activationIds = @($_) }).error.kind | Should -Be 'failed'
        Should -Invoke Get-CimInstance -Times 0 -Exactly -ParameterFilter { $ClassName -eq 'SoftwareLicensingProduct' }
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly
        Assert-NoCodeFromInput
    }

    It 'hostile <_> as the operation is refused' -ForEach $Hostile {
        (Invoke-Fix 'fix-office' @{ operation = $_ }).error.message | Should -BeLike 'Unknown operation*'
        Should -Invoke Invoke-CimMethod -Times 0 -Exactly
    }
}

Describe 'fix-service.ps1' {
    BeforeEach {
        $global:ADT_StartMode = 'Manual'
        Mock Get-CimInstance -ParameterFilter { $ClassName -eq 'Win32_Service' } { New-CimObject 'Win32_Service' ([ordered]@{ Name = 'sppsvc'; State = 'Stopped'; StartMode = $global:ADT_StartMode }) }
        Mock Start-Service { }
        Mock Restart-Service { }
        Mock Invoke-Expression { throw 'Invoke-Expression must not run' }
        Mock Start-Process { throw 'Start-Process must not run' }
        $global:ADT_Programs = New-Item -ItemType Directory -Force -Path ([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'ad-programs-' + [guid]::NewGuid()))
        $global:ADT_ScCalls = [System.Collections.Generic.List[string]]::new()
        Set-Content -LiteralPath ([System.IO.Path]::Combine($global:ADT_Programs.FullName, 'sc.ps1')) -Value '$global:ADT_ScCalls.Add(($args -join "|")); exit 0'
        Mock Get-SystemExecutable -ParameterFilter { $Name -eq 'sc.exe' } { [System.IO.Path]::Combine($global:ADT_Programs.FullName, 'sc.ps1') }
    }
    AfterEach { Remove-Item -LiteralPath $global:ADT_Programs.FullName -Recurse -Force }

    It 'start: Start-Service -Name sppsvc, and the state before and after' {
        $result = Invoke-Fix 'fix-service' @{ service = 'sppsvc'; action = 'start' }
        $result.ok | Should -BeTrue
        $result.before.state | Should -Be 'Stopped'
        Should -Invoke Start-Service -Times 1 -Exactly -ParameterFilter { $Name -ceq 'sppsvc' }
        Should -Invoke Get-CimInstance -ParameterFilter { $Filter -eq "Name = 'sppsvc'" -and $Property -contains 'StartMode' }
        $global:ADT_ScCalls.Count | Should -Be 0
    }

    It 'start a disabled service: sc.exe from the system folder sets delayed-auto first' {
        $global:ADT_StartMode = 'Disabled'
        (Invoke-Fix 'fix-service' @{ service = 'sppsvc'; action = 'start' }).ok | Should -BeTrue
        Should -Invoke Get-SystemExecutable -Times 1 -Exactly -ParameterFilter { $Name -eq 'sc.exe' }
        $global:ADT_ScCalls | Should -Be @('config|sppsvc|start=|delayed-auto')
    }

    It 'sc.exe config failing with exit code <Code> is reported as <Kind> with HRESULT <Hresult>, and the service is not started' -ForEach @(
        @{ Code = 5; Kind = 'access-denied'; Hresult = -2147024891 }
        @{ Code = 1072; Kind = 'failed'; Hresult = -2147023824 }
    ) {
        $global:ADT_StartMode = 'Disabled'
        Set-Content -LiteralPath ([System.IO.Path]::Combine($global:ADT_Programs.FullName, 'sc.ps1')) -Value ('$global:ADT_ScCalls.Add(($args -join "|")); exit ' + $Code)
        $result = Invoke-Fix 'fix-service' @{ service = 'sppsvc'; action = 'start' }
        $result.error.kind | Should -Be $Kind
        $result.error.hresult | Should -Be $Hresult
        $result.error.message | Should -BeLike ('*exit code ' + $Code + '*')
        Should -Invoke Start-Service -Times 0 -Exactly
    }

    It 'restart: Restart-Service -Name W32Time -Force' {
        (Invoke-Fix 'fix-service' @{ service = 'W32Time'; action = 'restart' }).ok | Should -BeTrue
        Should -Invoke Restart-Service -Times 1 -Exactly -ParameterFilter { $Name -ceq 'W32Time' -and $Force }
    }

    It 'hostile <_> as the service name is refused before anything runs' -ForEach $Hostile {
        $result = Invoke-Fix 'fix-service' @{ service = $_; action = 'start' }
        $result.error.message | Should -BeLike 'Service not allowed*'
        Should -Invoke Start-Service -Times 0 -Exactly
        Should -Invoke Get-CimInstance -Times 0 -Exactly
        Assert-NoCodeFromInput
    }
}

Describe 'fix-time.ps1' {
    BeforeEach {
        $global:ADT_Programs = New-Item -ItemType Directory -Force -Path ([System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'ad-programs-' + [guid]::NewGuid()))
        # A stand-in for w32tm.exe: records its arguments, exits with the next code of $global:ADT_Codes.
        $global:ADT_W32tmCalls = [System.Collections.Generic.List[string]]::new()
        $global:ADT_Codes = [System.Collections.Generic.Queue[int]]::new()
        Set-Content -LiteralPath ([System.IO.Path]::Combine($global:ADT_Programs.FullName, 'w32tm.ps1')) -Value '$global:ADT_W32tmCalls.Add(($args -join "|")); $code = 0; if ($global:ADT_Codes.Count -gt 0) { $code = $global:ADT_Codes.Dequeue() }; "localized text that is never read"; exit $code'
        Mock Get-SystemExecutable -ParameterFilter { $Name -eq 'w32tm.exe' } { [System.IO.Path]::Combine($global:ADT_Programs.FullName, 'w32tm.ps1') }
        Mock Get-Service { [pscustomobject]@{ Name = 'W32Time'; Status = 'Stopped'; StartType = 'Manual' } }
        Mock Start-Service { }
        Mock Set-Service { }
        Mock Start-Sleep { }
        Mock Get-ItemProperty -ParameterFilter { $LiteralPath -eq 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' } { [pscustomobject]@{ Type = 'NT5DS'; NtpServer = 'time.windows.com,0x9' } }
    }
    AfterEach { Remove-Item -LiteralPath $global:ADT_Programs.FullName -Recurse -Force }

    It 'resync starts W32Time and succeeds at once when w32tm exits 0' {
        $result = Invoke-Fix 'fix-time' @{ action = 'resync' }
        $result.ok | Should -BeTrue
        $result.exitCode | Should -Be 0
        @($result.attempts).Count | Should -Be 1
        $global:ADT_W32tmCalls | Should -Be @('/resync|/rediscover')
        Should -Invoke Start-Service -Times 1 -Exactly -ParameterFilter { $Name -eq 'W32Time' }
        Should -Invoke Start-Sleep -Times 0 -Exactly
    }

    It 'resync retries with back-off (1, 2, 4 s) until w32tm succeeds, and reports every attempt' {
        foreach ($code in @(-2147023436, -2147023436, -2147023436, 0)) { $global:ADT_Codes.Enqueue($code) }
        $result = Invoke-Fix 'fix-time' @{ action = 'resync' }
        $result.ok | Should -BeTrue
        @($result.attempts | ForEach-Object { $_.exitCode }) | Should -Be @(-2147023436, -2147023436, -2147023436, 0)
        Should -Invoke Start-Sleep -Times 3 -Exactly
        Should -Invoke Start-Sleep -Times 1 -Exactly -ParameterFilter { $Milliseconds -eq 1000 }
        Should -Invoke Start-Sleep -Times 1 -Exactly -ParameterFilter { $Milliseconds -eq 2000 }
        Should -Invoke Start-Sleep -Times 1 -Exactly -ParameterFilter { $Milliseconds -eq 4000 }
    }

    It 'resync gives up after 30 s of back-off and fails with the last exit code as the HRESULT' {
        foreach ($i in 1..10) { $global:ADT_Codes.Enqueue(-2147023436) }
        $result = Invoke-Fix 'fix-time' @{ action = 'resync' }
        $result.error.hresult | Should -Be -2147023436
        $result.error.message | Should -BeLike '*/resync (6 attempts*failed with exit code -2147023436*'
        $global:ADT_W32tmCalls.Count | Should -Be 6
        # 1 + 2 + 4 + 8 + 15 = 30 seconds of waiting at most.
        Should -Invoke Start-Sleep -Times 5 -Exactly
    }

    It 'use-peer records the configuration, sets the peer as one argument, then resyncs' {
        $result = Invoke-Fix 'fix-time' @{ action = 'use-peer'; peer = 'kms01.corp.example' }
        $result.ok | Should -BeTrue
        $result.previous.type | Should -Be 'NT5DS'
        $global:ADT_W32tmCalls | Should -Be @('/config|/manualpeerlist:kms01.corp.example|/syncfromflags:MANUAL|/update', '/resync|/rediscover')
    }

    It 'restore-config maps the recorded type to its sync flag' {
        (Invoke-Fix 'fix-time' @{ action = 'restore-config'; type = 'NT5DS'; ntpServer = 'time.windows.com,0x9' }).ok | Should -BeTrue
        $global:ADT_W32tmCalls | Should -Be @('/config|/manualpeerlist:time.windows.com,0x9|/syncfromflags:DOMHIER|/update')
    }

    It 'hostile <_> as the peer stays one w32tm argument' -ForEach $Hostile {
        $text = $_
        Mock Invoke-Expression { throw 'Invoke-Expression must not run' }
        Mock Start-Process { throw 'Start-Process must not run' }
        $null = Invoke-Fix 'fix-time' @{ action = 'use-peer'; peer = $text }
        # Four arguments, the peer whole inside the second (the stand-in joins them with '|').
        $global:ADT_W32tmCalls[0] | Should -BeExactly ('/config|/manualpeerlist:' + $text + '|/syncfromflags:MANUAL|/update')
        Assert-NoCodeFromInput
    }
}

Describe 'fix-firewall.ps1' {
    BeforeEach {
        $global:ADT_Categories = @([pscustomobject]@{ NetworkCategory = [ADTest.NetworkCategory]::DomainAuthenticated })
        # Windows' defaults: NoScope on Domain, SPPSVC-In-TCP on Private and Public, both local.
        $global:ADT_Rules = @(
            [pscustomobject]@{ Name = 'SPPSVC-In-TCP-NoScope'; Enabled = [ADTest.Enabled]::False; Profile = [ADTest.Profile]::Domain; PolicyStoreSourceType = [ADTest.PolicyStoreType]::Local }
            [pscustomobject]@{ Name = 'SPPSVC-In-TCP'; Enabled = [ADTest.Enabled]::False; Profile = [ADTest.Profile]'Private, Public'; PolicyStoreSourceType = [ADTest.PolicyStoreType]::Local }
        )
        Mock Get-NetConnectionProfile { $global:ADT_Categories }
        Mock Enable-NetFirewallRule { foreach ($r in $global:ADT_Rules) { if ($r.Name -ceq $Name -and [string]$r.PolicyStoreSourceType -eq 'Local') { $r.Enabled = [ADTest.Enabled]::True } } }
        Mock Get-NetFirewallRule {
            $found = @($global:ADT_Rules | Where-Object { $_.Name -ceq $Name })
            if ($found.Count -eq 0) { throw (New-NotFoundRecord $Name) }
            $found
        }
        Mock Get-NetFirewallAddressFilter -RemoveParameterType AssociatedNetFirewallRule { [pscustomobject]@{ RemoteAddress = 'Any' } }
    }

    It 'on a domain network enables SPPSVC-In-TCP-NoScope only (any address), read from the active store' {
        $result = Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }
        $result.ok | Should -BeTrue
        Should -Invoke Enable-NetFirewallRule -Times 1 -Exactly
        Should -Invoke Enable-NetFirewallRule -Times 1 -Exactly -ParameterFilter { $Name -ceq 'SPPSVC-In-TCP-NoScope' }
        Should -Invoke Get-NetFirewallRule -ParameterFilter { $PolicyStore -eq 'ActiveStore' }
        $result.data.rules[0].remoteAddress | Should -Be @('Any')
        $result.data.rules[0].enabled | Should -BeTrue
        $result.data.rules[0].profiles | Should -Be 'Domain'
    }

    It 'on a private network enables SPPSVC-In-TCP (local subnet)' {
        $global:ADT_Categories = @([pscustomobject]@{ NetworkCategory = [ADTest.NetworkCategory]::Private })
        Mock Get-NetFirewallAddressFilter -RemoveParameterType AssociatedNetFirewallRule { [pscustomobject]@{ RemoteAddress = 'LocalSubnet' } }
        $result = Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }
        Should -Invoke Enable-NetFirewallRule -Times 1 -Exactly -ParameterFilter { $Name -ceq 'SPPSVC-In-TCP' }
        $result.data.rules[0].remoteAddress | Should -Be @('LocalSubnet')
        $result.data.rules[0].profiles | Should -Be 'Private, Public'
    }

    It 'Domain plus a Public network card: only the Domain rule, nothing opened on Public' {
        $global:ADT_Categories = @([pscustomobject]@{ NetworkCategory = [ADTest.NetworkCategory]::DomainAuthenticated }, [pscustomobject]@{ NetworkCategory = [ADTest.NetworkCategory]::Public })
        (Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }).ok | Should -BeTrue
        Should -Invoke Enable-NetFirewallRule -Times 1 -Exactly
        Should -Invoke Enable-NetFirewallRule -Times 0 -Exactly -ParameterFilter { $Name -ceq 'SPPSVC-In-TCP' }
    }

    It 'Private plus an active Public network: refused, because SPPSVC-In-TCP also applies to Public' {
        $global:ADT_Categories = @([pscustomobject]@{ NetworkCategory = [ADTest.NetworkCategory]::Private }, [pscustomobject]@{ NetworkCategory = [ADTest.NetworkCategory]::Public })
        $result = Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }
        $result.error.message | Should -BeLike '*SPPSVC-In-TCP) also applies to Public networks, and a Public network is active*'
        Should -Invoke Enable-NetFirewallRule -Times 0 -Exactly
    }

    It 'only a Public network: nothing is opened, and it says how to go on' {
        $global:ADT_Categories = @([pscustomobject]@{ NetworkCategory = [ADTest.NetworkCategory]::Public })
        $result = Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }
        $result.error.message | Should -BeLike 'The only active network on this computer is Public*Set-NetConnectionProfile -NetworkCategory Private*'
        Should -Invoke Enable-NetFirewallRule -Times 0 -Exactly
    }

    It 'picks by the rule''s own Profile: an admin who re-scoped SPPSVC-In-TCP to Domain gets that rule on a domain network' {
        $global:ADT_Rules[0].Profile = [ADTest.Profile]::Private
        $global:ADT_Rules[1].Profile = [ADTest.Profile]::Domain
        (Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }).ok | Should -BeTrue
        Should -Invoke Enable-NetFirewallRule -Times 1 -Exactly -ParameterFilter { $Name -ceq 'SPPSVC-In-TCP' }
    }

    It 'a local copy and a disabled Group Policy copy of the same name: the local one is enabled, the policy copy named' {
        $global:ADT_Rules += [pscustomobject]@{ Name = 'SPPSVC-In-TCP-NoScope'; Enabled = [ADTest.Enabled]::False; Profile = [ADTest.Profile]::Domain; PolicyStoreSourceType = [ADTest.PolicyStoreType]::GroupPolicy }
        $result = Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }
        $result.ok | Should -BeTrue
        $result.data.rules[0].enabled | Should -BeTrue
        $result.data.rules[0].note | Should -BeLike 'Group Policy also defines SPPSVC-In-TCP-NoScope (disabled)*'
    }

    It 'a rule that exists only through Group Policy is not touched and is reported as needing Group Policy' {
        $global:ADT_Rules[0].PolicyStoreSourceType = [ADTest.PolicyStoreType]::GroupPolicy
        $result = Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }
        $result.error.message | Should -BeLike 'The rule SPPSVC-In-TCP-NoScope on this computer comes from Group Policy*'
        Should -Invoke Enable-NetFirewallRule -Times 0 -Exactly
    }

    It 'with no connected network it changes nothing and says why' {
        $global:ADT_Categories = @()
        $result = Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }
        $result.error.message | Should -BeLike 'No network connection*'
        Should -Invoke Enable-NetFirewallRule -Times 0 -Exactly
    }

    It 'a missing rule is reported as not-found' {
        $global:ADT_Rules = @()
        (Invoke-Fix 'fix-firewall' @{ action = 'enable-kms-rule' }).error.kind | Should -Be 'not-found'
        Should -Invoke Enable-NetFirewallRule -Times 0 -Exactly
    }
}

Describe 'fix-role.ps1' {
    It 'query reads Get-WindowsFeature -Name VolumeActivation' {
        Mock Get-WindowsFeature { [pscustomobject]@{ Name = 'VolumeActivation'; Installed = $true } }
        (Invoke-Fix 'fix-role' @{ action = 'query' }).data.installed | Should -BeTrue
        Should -Invoke Get-WindowsFeature -Times 1 -Exactly -ParameterFilter { $Name -eq 'VolumeActivation' }
    }

    It 'install runs Install-WindowsFeature -Name VolumeActivation -IncludeManagementTools; no success is a failure' {
        Mock Install-WindowsFeature { [pscustomobject]@{ Success = $true; RestartNeeded = 'No'; ExitCode = 'Success' } }
        (Invoke-Fix 'fix-role' @{ action = 'install-volume-activation' }).data.success | Should -BeTrue
        Should -Invoke Install-WindowsFeature -Times 1 -Exactly -ParameterFilter { $Name -eq 'VolumeActivation' -and $IncludeManagementTools }
        Mock Install-WindowsFeature { [pscustomobject]@{ Success = $false; RestartNeeded = 'No'; ExitCode = 'Failed' } }
        (Invoke-Fix 'fix-role' @{ action = 'install-volume-activation' }).error.message | Should -BeLike '*did not succeed*'
    }

    It 'on a client (no ServerManager) the missing command is reported as not-supported' {
        Mock Get-WindowsFeature { throw (New-Object -TypeName 'System.Management.Automation.CommandNotFoundException' -ArgumentList 'Get-WindowsFeature') }
        (Invoke-Fix 'fix-role' @{ action = 'query' }).error.kind | Should -Be 'not-supported'
    }
}
