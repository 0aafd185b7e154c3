# Activation Doctor collector: domain membership and DNS client settings (the inputs of KMS
# auto-discovery), and the WinHTTP proxy.
# Windows PowerShell 5.1. Reads CIM and the registry (never ipconfig or netsh text) and prints one
# JSON document; a failure is printed as {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

try {
    $computer = @(Get-CimProperty -ClassName 'Win32_ComputerSystem' -Property @('PartOfDomain', 'Domain', 'Workgroup'))[0]
    $tcpip = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters' -ErrorAction Stop
    # Group Policy overrides: "Primary DNS suffix" and "DNS suffix search list".
    $suffixPolicy = Get-OptionalKey -Path 'HKLM:\SOFTWARE\Policies\Microsoft\System\DNSClient'
    $searchPolicy = Get-OptionalKey -Path 'HKLM:\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient'
    $connections = Get-OptionalKey -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections'

    $adapterProperties = @(
        'Index',
        'Description',
        'IPConnectionMetric',
        'DNSServerSearchOrder',
        'DNSDomain',
        'DNSDomainSuffixSearchOrder'
    )
    $adapters = @(Get-CimProperty -ClassName 'Win32_NetworkAdapterConfiguration' -Filter 'IPEnabled = TRUE' -Property $adapterProperties | Select-Object -Property $adapterProperties)

    $policyPrimaryDnsSuffix = Get-ValueOrNull -InputObject $suffixPolicy -Name 'NV PrimaryDnsSuffix'
    $policySearchList = Get-ValueOrNull -InputObject $searchPolicy -Name 'SearchList'
    # The WinHTTP proxy ("netsh winhttp show proxy") is a binary value; it is decoded by the app.
    $winHttpSettings = $null
    $winHttpValue = Get-ValueOrNull -InputObject $connections -Name 'WinHttpSettings'
    if ($winHttpValue -is [byte[]]) {
        $winHttpSettings = [Convert]::ToBase64String($winHttpValue)
    }

    $result = [ordered]@{
        partOfDomain           = $computer.PartOfDomain
        domain                 = $computer.Domain
        workgroup              = $computer.Workgroup
        tcpipDomain            = Get-ValueOrNull -InputObject $tcpip -Name 'Domain'
        tcpipNvDomain          = Get-ValueOrNull -InputObject $tcpip -Name 'NV Domain'
        tcpipSearchList        = Get-ValueOrNull -InputObject $tcpip -Name 'SearchList'
        policyPrimaryDnsSuffix = $policyPrimaryDnsSuffix
        policySearchList       = $policySearchList
        adapters               = $adapters
        winHttpSettings        = $winHttpSettings
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
