# Activation Doctor collector: whether this PowerShell (and so Activation Doctor) runs with
# administrator rights. Installing keys and changing KMS settings need them.
# Windows PowerShell 5.1. Prints one JSON document; a failure is printed as {"error": {...}}.
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

# Windows' own answer (the token's Administrators group), apart so the tests can stand in for it.
function Test-Administrator {
    $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object -TypeName 'System.Security.Principal.WindowsPrincipal' -ArgumentList $identity
    return $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
}

try {
    $result = [ordered]@{
        elevated = [bool](Test-Administrator)
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
