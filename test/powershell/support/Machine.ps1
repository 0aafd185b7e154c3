# A Windows machine for the probe scripts, built from the fixtures in test/fixtures/windows/<machine>:
# the CIM instances, registry keys, events and firewall rules that make each probe print what that
# machine's fixture holds. Values a fixture has as null are absent registry values, as on Windows.
# Use-Machine must be called inside a Pester block (BeforeAll or It): it registers the mocks there.

function ConvertTo-Dictionary($Object) {
    $table = [ordered]@{}
    if ($null -eq $Object) { return $table }
    foreach ($property in $Object.PSObject.Properties) { $table[$property.Name] = $property.Value }
    return $table
}

function ConvertFrom-IsoTime($Text) {
    if ($null -eq $Text) { return $null }
    return [datetime]::Parse([string]$Text, [System.Globalization.CultureInfo]::InvariantCulture, [System.Globalization.DateTimeStyles]::RoundtripKind)
}

# The registry of the machine: key path -> its values (only the values that are set).
function New-MachineRegistry([string]$Machine) {
    $os = Read-Fixture $Machine 'os'
    $net = Read-Fixture $Machine 'network-config'
    $svc = Read-Fixture $Machine 'services'
    $registry = @{}
    $set = {
        param([string]$Key, [string]$Name, $Value)
        if ($null -eq $Value) { return }
        if (-not $registry.ContainsKey($Key)) { $registry[$Key] = [ordered]@{} }
        $registry[$Key][$Name] = $Value
    }
    & $set 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' 'EditionID' $os.editionId
    & $set 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' 'InstallationType' $os.installationType
    & $set 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' 'CurrentBuild' $os.currentBuild
    if ($null -ne $os.ubr) { & $set 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' 'UBR' ([int]$os.ubr) }
    & $set 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment' 'PROCESSOR_ARCHITECTURE' $os.processorArchitecture
    $tcpip = 'HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters'
    $registry[$tcpip] = [ordered]@{}
    & $set $tcpip 'Domain' $net.tcpipDomain
    & $set $tcpip 'NV Domain' $net.tcpipNvDomain
    & $set $tcpip 'SearchList' $net.tcpipSearchList
    & $set 'HKLM:\SOFTWARE\Policies\Microsoft\System\DNSClient' 'NV PrimaryDnsSuffix' $net.policyPrimaryDnsSuffix
    & $set 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient' 'SearchList' $net.policySearchList
    if ($null -ne $net.winHttpSettings) {
        & $set 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections' 'WinHttpSettings' ([Convert]::FromBase64String($net.winHttpSettings))
    }
    & $set 'HKLM:\SYSTEM\CurrentControlSet\Services\sppsvc' 'DelayedAutostart' $svc.sppsvc.registryDelayedAutostart
    & $set 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time' 'DelayedAutostart' $svc.w32time.registryDelayedAutostart
    & $set 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' 'Type' $svc.w32timeType
    & $set 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\Parameters' 'NtpServer' $svc.w32timeNtpServer
    & $set 'HKLM:\SYSTEM\CurrentControlSet\Services\W32Time\TimeProviders\NtpClient' 'Enabled' $svc.ntpClientEnabled
    & $set 'HKLM:\SOFTWARE\Policies\Microsoft\W32Time\Parameters' 'Type' $svc.policyType
    & $set 'HKLM:\SOFTWARE\Policies\Microsoft\W32Time\Parameters' 'NtpServer' $svc.policyNtpServer
    & $set 'HKLM:\SOFTWARE\Policies\Microsoft\W32Time\TimeProviders\NtpClient' 'Enabled' $svc.policyNtpClientEnabled
    $office = Read-OfficeFixture $Machine
    if ($null -ne $office) {
        $c2r = $office.clickToRun
        if ($c2r.installed) {
            $key = 'HKLM:\SOFTWARE\Microsoft\Office\ClickToRun\Configuration'
            $registry[$key] = [ordered]@{}
            & $set $key 'ProductReleaseIds' ([string]::Join(',', [string[]]@($c2r.productReleaseIds)))
            & $set $key 'VersionToReport' $c2r.version
            if ($null -ne $c2r.sharedComputerLicensing) { & $set $key 'SharedComputerLicensing' ([string][int][bool]$c2r.sharedComputerLicensing) }
        }
        # LicensingNext holds one DWORD per product: 2 = the subscription (vNext) licence method.
        if ($null -ne $c2r.licensingNext) {
            $next = 0
            if ($c2r.licensingNext) { $next = 2 }
            $registry['HKCU:\SOFTWARE\Microsoft\Office\16.0\Common\Licensing\LicensingNext'] = [ordered]@{ 'o365businessretail' = $next }
        }
        if ($null -ne $office.ospp) {
            $key = 'HKLM:\SOFTWARE\Microsoft\OfficeSoftwareProtectionPlatform'
            $registry[$key] = [ordered]@{}
            & $set $key 'KeyManagementServiceName' $office.ospp.KeyManagementServiceName
            & $set $key 'KeyManagementServicePort' $office.ospp.KeyManagementServicePort
        }
    }
    foreach ($key in @($registry.Keys)) {
        $registry[$key] = New-Object -TypeName 'PSObject' -Property $registry[$key]
    }
    return $registry
}

# The machine's Office fixture, or $null when it has no office.json (no Office installed).
function Read-OfficeFixture([string]$Machine) {
    $path = [System.IO.Path]::Combine($script:FixtureDir, $Machine, 'office.json')
    if (-not [System.IO.File]::Exists($path)) { return $null }
    return Read-Fixture $Machine 'office'
}

# WQL's "ApplicationID = '<guid>'" and "ID = '<guid>' OR ..." parts, applied to a fixture instance:
# enough for the Windows and the Office probes to see only their own licences.
function Test-CimFilter($Item, [string]$Filter) {
    if ([string]::IsNullOrEmpty($Filter)) { return $true }
    $application = [regex]::Match($Filter, "ApplicationID = '([0-9a-f-]+)'")
    if ($application.Success) {
        $property = $Item.PSObject.Properties['ApplicationID']
        return ($null -ne $property -and [string]$property.Value -eq $application.Groups[1].Value)
    }
    $ids = @([regex]::Matches($Filter, "(?<![A-Za-z])ID = '([0-9a-f-]+)'") | ForEach-Object { $_.Groups[1].Value })
    if ($ids.Count -gt 0) {
        $property = $Item.PSObject.Properties['ID']
        return ($null -ne $property -and $ids -contains ([string]$property.Value).ToLowerInvariant())
    }
    return $true
}

# CIM instances by class name.
function New-MachineCim([string]$Machine) {
    $os = Read-Fixture $Machine 'os'
    $lic = Read-Fixture $Machine 'licensing'
    $net = Read-Fixture $Machine 'network-config'
    $svc = Read-Fixture $Machine 'services'
    $cim = @{}
    $cim['Win32_OperatingSystem'] = @(New-CimObject 'Win32_OperatingSystem' ([ordered]@{
        Caption = [string]$os.caption; Version = [string]$os.version; BuildNumber = [string]$os.buildNumber
        ProductType = [uint32]$os.productType; OSLanguage = [uint32]$os.osLanguage
    }))
    $products = @()
    foreach ($product in @($lic.products)) {
        $properties = ConvertTo-Dictionary $product
        $properties['EvaluationEndDate'] = ConvertFrom-IsoTime $properties['EvaluationEndDate']
        $properties['AutomaticVMActivationLastActivationTime'] = ConvertFrom-IsoTime $properties['AutomaticVMActivationLastActivationTime']
        $properties['ApplicationID'] = '55c92734-d682-4d71-983e-d6ec3f16059f'
        $products += New-CimObject 'SoftwareLicensingProduct' $properties
    }
    # Office: its keyed products, its volume licences without a key, its KMS host licences (as Microsoft's
    # sample shows them, under ApplicationID 0ff1ce16-...).
    $office = Read-OfficeFixture $Machine
    if ($null -ne $office) {
        $keyed = @()
        foreach ($product in @($office.products)) {
            $properties = ConvertTo-Dictionary $product
            $properties['EvaluationEndDate'] = ConvertFrom-IsoTime $properties['EvaluationEndDate']
            $properties['AutomaticVMActivationLastActivationTime'] = ConvertFrom-IsoTime $properties['AutomaticVMActivationLastActivationTime']
            $properties['ApplicationID'] = '0ff1ce15-a989-479d-af46-f275c6370663'
            $products += New-CimObject 'SoftwareLicensingProduct' $properties
            $keyed += [string]$product.ID
        }
        foreach ($licence in @($office.kmsClientLicences)) {
            if ($keyed -contains [string]$licence.ID) { continue }
            $products += New-CimObject 'SoftwareLicensingProduct' ([ordered]@{
                ID = [string]$licence.ID; ApplicationID = '0ff1ce15-a989-479d-af46-f275c6370663'; LicenseFamily = [string]$licence.LicenseFamily
                Description = 'Office 16, VOLUME_KMSCLIENT channel'; PartialProductKey = $null; LicenseStatus = [uint32]0
            })
        }
        foreach ($hostLicence in @($office.kmsHostLicences)) {
            $properties = ConvertTo-Dictionary $hostLicence
            $properties['ApplicationID'] = '0ff1ce16-a989-479d-af46-f275c6370663'
            $products += New-CimObject 'SoftwareLicensingProduct' $properties
        }
    }
    $cim['SoftwareLicensingProduct'] = $products
    $cim['SoftwareLicensingService'] = @(New-CimObject 'SoftwareLicensingService' (ConvertTo-Dictionary $lic.service))
    $cim['Win32_ComputerSystem'] = @(New-CimObject 'Win32_ComputerSystem' ([ordered]@{ PartOfDomain = [bool]$net.partOfDomain; Domain = [string]$net.domain; Workgroup = $net.workgroup }))
    $cim['Win32_NetworkAdapterConfiguration'] = @(@($net.adapters) | Where-Object { $null -ne $_ } | ForEach-Object {
        $adapter = ConvertTo-Dictionary $_
        if ($null -ne $adapter['DNSServerSearchOrder']) { $adapter['DNSServerSearchOrder'] = [string[]]@($adapter['DNSServerSearchOrder']) }
        if ($null -ne $adapter['DNSDomainSuffixSearchOrder']) { $adapter['DNSDomainSuffixSearchOrder'] = [string[]]@($adapter['DNSDomainSuffixSearchOrder']) }
        $adapter['IPEnabled'] = $true
        New-CimObject 'Win32_NetworkAdapterConfiguration' $adapter
    })
    $cim['Win32_Service'] = @(foreach ($entry in @($svc.sppsvc, $svc.w32time)) {
        if ($entry.exists) {
            New-CimObject 'Win32_Service' ([ordered]@{ Name = $entry.name; State = $entry.state; StartMode = $entry.startMode; DelayedAutoStart = $entry.delayedAutoStart; Status = 'OK' })
        }
    })
    return $cim
}

# Event records as Get-WinEvent returns them (EventLogRecord: Id, TimeCreated, RecordId, Properties).
function New-MachineEvents([string]$Machine) {
    $events = Read-Fixture $Machine 'events'
    $byId = @{}
    foreach ($name in @('e12288', 'e12289', 'e8198', 'e12290')) {
        $byId[[int]$name.Substring(1)] = @(@($events.$name) | Where-Object { $null -ne $_ } | ForEach-Object {
            [pscustomobject]@{
                Id          = [int]$_.id
                TimeCreated = (ConvertFrom-IsoTime $_.timeCreated)
                RecordId    = [long]$_.recordId
                Properties  = @(@($_.data) | ForEach-Object { [pscustomobject]@{ Value = $_ } })
            }
        })
    }
    return @{ kmsLogExists = [bool]$events.kmsLogExists; byId = $byId }
}

# The firewall rules in the active store, by name (the legacy fixture shape has SPPSVC-In-TCP only).
function New-MachineFirewall([string]$Machine) {
    $firewall = Read-Fixture $Machine 'firewall'
    $rules = @{}
    $raw = @()
    if ($null -ne $firewall.PSObject.Properties['rules']) { $raw = @($firewall.rules) }
    elseif ($null -ne $firewall.rule) {
        $raw = @([pscustomobject]@{ name = 'SPPSVC-In-TCP'; enabled = $firewall.rule.enabled; profile = $firewall.rule.profile; remoteAddress = @('LocalSubnet'); policySource = 'Local' })
    }
    foreach ($rule in $raw) {
        $enabled = 'False'
        if ($rule.enabled) { $enabled = 'True' }
        $rules[$rule.name] = [pscustomobject]@{
            Name                  = $rule.name
            DisplayName           = 'Key Management Service (TCP-In)'
            Group                 = '@FirewallAPI.dll,-28002'
            Enabled               = [ADTest.Enabled]$enabled
            Profile               = [ADTest.Profile][int]$rule.profile
            Direction             = [ADTest.Direction]::Inbound
            Action                = [ADTest.Action]::Allow
            PolicyStoreSourceType = [ADTest.PolicyStoreType]([string]$rule.policySource)
            RemoteAddress         = @($rule.remoteAddress)
        }
    }
    return @{
        kmsHost    = $firewall.isKeyManagementServiceMachine
        rules      = $rules
        categories = @(@($firewall.connectionCategories) | Where-Object { $null -ne $_ } | ForEach-Object { [pscustomobject]@{ NetworkCategory = [ADTest.NetworkCategory][int]$_ } })
    }
}

# The certificate stores (Cert:\LocalMachine\<store>) from azure-certificates.json, as X509Certificate2-shaped objects.
function New-MachineCertificates([string]$Machine) {
    $stores = @{ CA = @(); Root = @() }
    $path = [System.IO.Path]::Combine($script:FixtureDir, $Machine, 'azure-certificates.json')
    if (-not [System.IO.File]::Exists($path)) { return $stores }
    foreach ($c in @((Read-Fixture $Machine 'azure-certificates').certificates) | Where-Object { $null -ne $_ }) {
        $stores[[string]$c.store] += [pscustomobject]@{ Subject = $c.subject; Issuer = $c.issuer; Thumbprint = $c.thumbprint; NotBefore = (ConvertFrom-IsoTime $c.notBefore); NotAfter = (ConvertFrom-IsoTime $c.notAfter) }
    }
    return $stores
}

# The forest as adba.ps1 reads it over ADSI (its two directory functions are mocked): rootDSE, and
# the activation objects container with its objects (absent when the fixture says so). A machine
# without an adba fixture is a workgroup computer to this probe, which then reads nothing.
function New-MachineDirectory([string]$Machine) {
    $path = [System.IO.Path]::Combine($script:FixtureDir, $Machine, 'adba.json')
    if (-not (Test-Path -LiteralPath $path)) { return $null }
    $adba = Read-Fixture $Machine 'adba'
    $objects = @(@($adba.objects) | Where-Object { $null -ne $_ } | ForEach-Object {
        $properties = @{ displayname = @($_.name); distinguishedname = @($_.dn); 'msspp-csvlkpartialproductkey' = @($_.partialProductKey); 'msspp-csvlkpid' = @($_.csvlkPid) }
        if ($null -ne $_.csvlkSkuId) { $properties['msspp-csvlkskuid'] = @(, ([guid][string]$_.csvlkSkuId).ToByteArray()) }
        $properties
    })
    return @{ configuration = [string]$adba.configurationNamingContext; container = [string]$adba.container; objects = $objects }
}

foreach ($boundary in @('Open-DirectoryEntry', 'Find-ActivationObject')) {
    if (-not (Get-Command -Name $boundary -ErrorAction SilentlyContinue)) {
        $null = New-Item -Path ('function:global:' + $boundary) -Value ([scriptblock]::Create("param(`$Path, `$Container, `$Seconds) throw '$boundary`: mock it'"))
    }
}

function Use-Machine([string]$Machine) {
    $global:ADMachine = @{
        name     = $Machine
        os       = Read-Fixture $Machine 'os'
        elevated = [bool](Read-Fixture $Machine 'elevation').elevated
        registry = New-MachineRegistry $Machine
        cim      = New-MachineCim $Machine
        events   = New-MachineEvents $Machine
        firewall = New-MachineFirewall $Machine
        certificates = New-MachineCertificates $Machine
        directory = New-MachineDirectory $Machine
        queries  = New-Object -TypeName 'System.Collections.Generic.List[object]'
    }
    $env:COMPUTERNAME = [string]$global:ADMachine.os.computerName

    Mock Get-CimInstance {
        $global:ADMachine.queries.Add([pscustomobject]@{ ClassName = $ClassName; Filter = $Filter; Property = $Property })
        $found = @(@($global:ADMachine.cim[$ClassName]) | Where-Object { Test-CimFilter $_ $Filter })
        foreach ($item in $found) {
            # Only the properties asked for are filled in; the others are there but empty, as with CIM.
            if ($null -eq $Property) { $item; continue }
            $copy = New-Object -TypeName 'PSObject'
            foreach ($p in $item.PSObject.Properties) {
                $value = $null
                if ($Property -contains $p.Name) { $value = $p.Value }
                $copy | Add-Member -NotePropertyName $p.Name -NotePropertyValue $value
            }
            $copy.PSObject.TypeNames.Insert(0, $item.PSObject.TypeNames[0])
            $copy
        }
    }
    Mock Test-Path -ParameterFilter { [string]$LiteralPath -like 'HKLM:*' -or [string]$LiteralPath -like 'HKCU:*' } { $global:ADMachine.registry.ContainsKey([string]$LiteralPath) }
    Mock Get-ItemProperty -ParameterFilter { [string]$LiteralPath -like 'HKLM:*' -or [string]$LiteralPath -like 'HKCU:*' } {
        $key = [string]$LiteralPath
        if ($global:ADMachine.registry.ContainsKey($key)) { return $global:ADMachine.registry[$key] }
        $exception = New-Object -TypeName 'System.Management.Automation.ItemNotFoundException' -ArgumentList ("Cannot find path '" + $key + "' because it does not exist.")
        throw (New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList $exception, 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand', ([System.Management.Automation.ErrorCategory]::ObjectNotFound), $key)
    }
    Mock Get-UICulture { [System.Globalization.CultureInfo]::GetCultureInfo([string]$global:ADMachine.os.uiCulture) }
    Mock Get-Culture { [System.Globalization.CultureInfo]::GetCultureInfo([string]$global:ADMachine.os.culture) }
    Mock Test-Administrator { $global:ADMachine.elevated }
    Mock Get-WinEvent -ParameterFilter { $null -ne $ListLog } {
        if ($global:ADMachine.events.kmsLogExists) { [pscustomobject]@{ LogName = 'Key Management Service'; RecordCount = 2 } }
    }
    Mock Get-WinEvent -ParameterFilter { $null -ne $FilterHashtable } {
        $list = @(@($global:ADMachine.events.byId[[int]$FilterHashtable['Id']]) | Select-Object -First $MaxEvents)
        if ($list.Count -eq 0) {
            $exception = New-Object -TypeName 'System.Exception' -ArgumentList 'No events were found that match the specified selection criteria.'
            throw (New-Object -TypeName 'System.Management.Automation.ErrorRecord' -ArgumentList $exception, 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand', ([System.Management.Automation.ErrorCategory]::ObjectNotFound), $null)
        }
        $list
    }
    Mock Get-NetFirewallRule {
        $rule = $global:ADMachine.firewall.rules[[string]$Name]
        if ($null -eq $rule) { throw (New-NotFoundRecord ([string]$Name)) }
        $rule
    }
    Mock Get-NetFirewallAddressFilter -RemoveParameterType AssociatedNetFirewallRule { [pscustomobject]@{ RemoteAddress = $AssociatedNetFirewallRule.RemoteAddress; LocalAddress = 'Any' } }
    Mock Get-NetConnectionProfile { $global:ADMachine.firewall.categories }
    Mock Get-ChildItem -ParameterFilter { ([string]$LiteralPath) -like 'Cert:\LocalMachine\*' } { $global:ADMachine.certificates[([string]$LiteralPath).Substring('Cert:\LocalMachine\'.Length)] }
    Mock Open-DirectoryEntry {
        $directory = $global:ADMachine.directory
        if ($null -eq $directory) { throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList 'The server is not operational.', -2147016646) }
        if ([string]$Path -like '*/rootDSE') { return [pscustomobject]@{ Properties = @{ configurationNamingContext = @($directory.configuration) } } }
        if ($directory.container -ne 'present') { throw (New-Object -TypeName 'System.Runtime.InteropServices.COMException' -ArgumentList 'There is no such object on the server.', -2147016656) }
        [pscustomobject]@{ Path = $Path }
    }
    Mock Find-ActivationObject { , @($global:ADMachine.directory.objects) }
}
