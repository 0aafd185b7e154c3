# Activation Doctor collector: Windows edition and version.
# Windows PowerShell 5.1. Reads CIM and the registry (never localized command output) and prints
# one JSON document; a failure is printed as {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

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
    # Caption is localized ("Microsoft Windows 11 Professionnel"): it is shown, never used to decide.
    # Edition and version decisions use EditionID, the build and InstallationType from the registry.
    $os = @(Get-CimProperty -ClassName 'Win32_OperatingSystem' -Property @('Caption', 'Version', 'BuildNumber', 'ProductType', 'OSLanguage'))[0]
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
        editionId             = Get-ValueOrNull -InputObject $current -Name 'EditionID'
        installationType      = Get-ValueOrNull -InputObject $current -Name 'InstallationType'
        currentBuild          = Get-ValueOrNull -InputObject $current -Name 'CurrentBuild'
        ubr                   = Get-ValueOrNull -InputObject $current -Name 'UBR'
        processorArchitecture = Get-ValueOrNull -InputObject $environment -Name 'PROCESSOR_ARCHITECTURE'
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
