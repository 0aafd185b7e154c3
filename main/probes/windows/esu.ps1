# Activation Doctor collector: the Windows 10 Extended Security Updates (ESU) add-on licences.
# Windows PowerShell 5.1. Reads the three ESU licences of SoftwareLicensingProduct by their
# activation IDs (Microsoft's "Enable Extended Security Updates (ESU)" page; shared/knowledge/esu.ts
# holds the same table and a test keeps the two equal), with or without a product key: a licence
# that is present but has no key tells that the ESU licensing files are installed. Matched on ID,
# never on Name (Microsoft does not publish the names). Only the last five characters of a key
# (PartialProductKey) are read. Prints one JSON document; a failure is printed as {"error": {...}}.
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

$esuActivationIds = @(
    'f520e45e-7413-4a34-a497-d2765967d094',
    '1043add5-23b1-4afb-9a0f-64343c8f3f8d',
    '83d49986-add3-41d7-ba33-87c7bfb5c0fb'
)

$productProperties = @(
    'ID',
    'ApplicationID',
    'Name',
    'Description',
    'ProductKeyChannel',
    'PartialProductKey',
    'LicenseStatus',
    'LicenseStatusReason',
    'GracePeriodRemaining',
    'LicenseIsAddon'
)

try {
    # No ApplicationID condition: slmgr /ato <Activation ID> finds a licence by its ID alone.
    $clauses = @($esuActivationIds | ForEach-Object { "ID = '" + $_ + "'" })
    $filter = $clauses -join ' OR '
    $products = @(Get-CimProperty -ClassName 'SoftwareLicensingProduct' -Filter $filter -Property $productProperties | Select-Object -Property $productProperties)
    $result = [ordered]@{
        products = $products
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
