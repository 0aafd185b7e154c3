# Activation Doctor collector: Windows edition and version.
# Windows PowerShell 5.1. Reads CIM and the registry (never localized command output) and prints
# one JSON document; a failure is printed as {"error": {...}} instead of being thrown.
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

function Get-CultureName {
    param(
        $Lcid
    )
    if ($null -eq $Lcid) {
        return $null
    }
    try {
        return [System.Globalization.CultureInfo]::GetCultureInfo([int]$Lcid).Name
    }
    catch {
        return $null
    }
}

try {
    $os = Get-CimInstance -ClassName 'Win32_OperatingSystem' -ErrorAction Stop
    $current = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' -ErrorAction Stop
    $environment = Get-ItemProperty -LiteralPath 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment' -ErrorAction SilentlyContinue

    $result = [ordered]@{
        caption               = $os.Caption
        version               = $os.Version
        buildNumber           = $os.BuildNumber
        productType           = $os.ProductType
        osLanguage            = $os.OSLanguage
        osLanguageName        = Get-CultureName -Lcid $os.OSLanguage
        uiCulture             = (Get-UICulture).Name
        culture               = (Get-Culture).Name
        computerName          = $env:COMPUTERNAME
        editionId             = $current.EditionID
        installationType      = $current.InstallationType
        currentBuild          = $current.CurrentBuild
        ubr                   = $current.UBR
        processorArchitecture = $environment.PROCESSOR_ARCHITECTURE
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
