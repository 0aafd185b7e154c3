# Activation Doctor collector: domain membership and DNS client settings (the inputs of KMS
# auto-discovery), and the WinHTTP proxy.
# Windows PowerShell 5.1. Reads CIM and the registry (never ipconfig or netsh text) and prints one
# JSON document; a failure is printed as {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
try {
    [Console]::OutputEncoding = New-Object -TypeName 'System.Text.UTF8Encoding' -ArgumentList $false
}
catch {
    # Started without a console to configure: the output keeps its default code page.
}

function New-ErrorResult {
    param(
        [System.Management.Automation.ErrorRecord]$Record
    )
    $exception = $Record.Exception
    $category = [string]$Record.CategoryInfo.Category
    $kind = 'failed'
    if ($exception -is [System.UnauthorizedAccessException] -or $category -eq 'PermissionDenied' -or $exception.HResult -eq -2147024891) {
        $kind = 'access-denied'
    }
    elseif ($exception -is [System.Management.Automation.CommandNotFoundException]) {
        $kind = 'not-supported'
    }
    return [ordered]@{
        error = [ordered]@{
            kind     = $kind
            message  = [string]$exception.Message
            hresult  = $exception.HResult
            errorId  = [string]$Record.FullyQualifiedErrorId
            category = $category
        }
    }
}

function Get-OptionalKey {
    param(
        [string]$Path
    )
    if (Test-Path -LiteralPath $Path) {
        return Get-ItemProperty -LiteralPath $Path -ErrorAction Stop
    }
    return $null
}

try {
    $computer = Get-CimInstance -ClassName 'Win32_ComputerSystem' -ErrorAction Stop
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
    $adapters = @(Get-CimInstance -ClassName 'Win32_NetworkAdapterConfiguration' -Filter 'IPEnabled = TRUE' -ErrorAction Stop | Select-Object -Property $adapterProperties)

    $policyPrimaryDnsSuffix = $null
    if ($null -ne $suffixPolicy) {
        $policyPrimaryDnsSuffix = $suffixPolicy.'NV PrimaryDnsSuffix'
    }
    $policySearchList = $null
    if ($null -ne $searchPolicy) {
        $policySearchList = $searchPolicy.SearchList
    }
    # The WinHTTP proxy ("netsh winhttp show proxy") is a binary value; it is decoded by the app.
    $winHttpSettings = $null
    if ($null -ne $connections -and $connections.WinHttpSettings -is [byte[]]) {
        $winHttpSettings = [Convert]::ToBase64String($connections.WinHttpSettings)
    }

    $result = [ordered]@{
        partOfDomain           = $computer.PartOfDomain
        domain                 = $computer.Domain
        workgroup              = $computer.Workgroup
        tcpipDomain            = $tcpip.Domain
        tcpipNvDomain          = $tcpip.'NV Domain'
        tcpipSearchList        = $tcpip.SearchList
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
