# Activation Doctor collector: whether this PowerShell (and so Activation Doctor) runs with
# administrator rights. Installing keys and changing KMS settings need them.
# Windows PowerShell 5.1. Prints one JSON document; a failure is printed as {"error": {...}}.
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

try {
    $identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object -TypeName 'System.Security.Principal.WindowsPrincipal' -ArgumentList $identity
    $result = [ordered]@{
        elevated = $principal.IsInRole([System.Security.Principal.WindowsBuiltInRole]::Administrator)
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
