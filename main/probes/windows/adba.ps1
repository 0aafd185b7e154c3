# Activation Doctor collector: Active Directory-based activation objects in this computer's forest.
# Windows PowerShell 5.1, without the ActiveDirectory module: ADSI (System.DirectoryServices), read
# only, bound as the caller. Follows slmgr.vbs /ao-list: the computer's own domain (not the signed-in
# user's, which may be another forest), its rootDSE for the configuration naming context, then the
# msSPP-ActivationObject children of CN=Activation Objects,CN=Microsoft SPP,CN=Services. A missing
# container (0x80072030 ERROR_DS_NO_SUCH_OBJECT) is reported as container 'absent': slmgr's "not
# supported in the current Active Directory schema" (0xC004F083), not as a failure.
# Prints one JSON document; a failure is printed as {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

$containerRdn = 'CN=Activation Objects,CN=Microsoft SPP,CN=Services'
# How long the directory may take: the search is bounded on the client and on the server, well
# inside the runner's limit for one script (the runner reads one script at a time).
$searchSeconds = 8
# ERROR_DS_NO_SUCH_OBJECT as COMException.HResult (signed) and unsigned.
$noSuchObject = @(-2147016656, 2147950640)

# The directory entry at an LDAP path, bound now (read-only server allowed, Kerberos as the caller)
# so that a missing object fails here. The one place that touches ADSI for binding.
function Open-DirectoryEntry {
    param(
        [string]$Path
    )
    $auth = [System.DirectoryServices.AuthenticationTypes]'Secure, ReadonlyServer'
    $entry = New-Object -TypeName 'System.DirectoryServices.DirectoryEntry' -ArgumentList $Path, $null, $null, $auth
    $entry.RefreshCache()
    return $entry
}

# The msSPP-ActivationObject children of the container, each as its property collection
# (ResultPropertyCollection: lower-case names, every value an array). The one place that searches.
function Find-ActivationObject {
    param(
        $Container,
        [int]$Seconds
    )
    $properties = [string[]]@('displayName', 'distinguishedName', 'msSPP-CSVLKSkuId', 'msSPP-CSVLKPartialProductKey', 'msSPP-CSVLKPid')
    $searcher = New-Object -TypeName 'System.DirectoryServices.DirectorySearcher' -ArgumentList $Container, '(objectClass=msSPP-ActivationObject)', $properties, ([System.DirectoryServices.SearchScope]::OneLevel)
    $searcher.ClientTimeout = [TimeSpan]::FromSeconds($Seconds)
    $searcher.ServerTimeLimit = [TimeSpan]::FromSeconds($Seconds)
    $searcher.SizeLimit = 100
    $found = @()
    $results = $searcher.FindAll()
    try {
        foreach ($result in $results) {
            $found += , $result.Properties
        }
    }
    finally {
        $results.Dispose()
        $searcher.Dispose()
    }
    return , $found
}

# The first value of a property in a ResultPropertyCollection (or a hashtable in tests), or $null.
function Get-FirstValue {
    param(
        $Properties,
        [string]$Name
    )
    if ($null -eq $Properties -or -not $Properties.Contains($Name)) {
        return $null
    }
    $values = @($Properties[$Name])
    if ($values.Count -eq 0) {
        return $null
    }
    return , $values[0]
}

# msSPP-CSVLKSkuId is a 16-byte octet string in the GUID's little-endian layout (slmgr's
# GuidToString reads it the same way as [guid]::new(byte[])).
function ConvertTo-GuidText {
    param(
        $Value
    )
    if ($Value -is [byte[]] -and $Value.Length -eq 16) {
        return (New-Object -TypeName 'System.Guid' -ArgumentList (, [byte[]]$Value)).ToString()
    }
    return $null
}

function Test-NoSuchObject {
    param(
        $Exception
    )
    $current = $Exception
    while ($null -ne $current) {
        if ($noSuchObject -contains [int64]$current.HResult) {
            return $true
        }
        $current = $current.InnerException
    }
    return $false
}

try {
    $system = Get-CimInstance -ClassName 'Win32_ComputerSystem' -Property @('PartOfDomain', 'Domain') -ErrorAction Stop | Select-Object -First 1
    if (-not [bool]$system.PartOfDomain) {
        $result = [ordered]@{ partOfDomain = $false; domain = $null; configurationNamingContext = $null; container = $null; objects = @() }
    }
    else {
        $domain = [string]$system.Domain
        $rootDse = Open-DirectoryEntry -Path ('LDAP://' + $domain + '/rootDSE')
        $configuration = [string](Get-FirstValue -Properties $rootDse.Properties -Name 'configurationNamingContext')
        $container = 'present'
        $objects = @()
        try {
            $entry = Open-DirectoryEntry -Path ('LDAP://' + $domain + '/' + $containerRdn + ',' + $configuration)
        }
        catch {
            if (-not (Test-NoSuchObject -Exception $_.Exception)) {
                throw
            }
            $container = 'absent'
            $entry = $null
        }
        if ($null -ne $entry) {
            foreach ($properties in (Find-ActivationObject -Container $entry -Seconds $searchSeconds)) {
                $objects += [ordered]@{
                    name              = Get-FirstValue -Properties $properties -Name 'displayname'
                    dn                = Get-FirstValue -Properties $properties -Name 'distinguishedname'
                    csvlkSkuId        = ConvertTo-GuidText -Value (Get-FirstValue -Properties $properties -Name 'msspp-csvlkskuid')
                    partialProductKey = Get-FirstValue -Properties $properties -Name 'msspp-csvlkpartialproductkey'
                    csvlkPid          = Get-FirstValue -Properties $properties -Name 'msspp-csvlkpid'
                }
            }
        }
        $result = [ordered]@{
            partOfDomain               = $true
            domain                     = $domain
            configurationNamingContext = $configuration
            container                  = $container
            objects                    = $objects
        }
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
