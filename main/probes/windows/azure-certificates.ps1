# Activation Doctor collector: the Azure issuing-CA certificates in the computer's certificate
# stores. An Azure Edition VM activates only when the certificate that signed IMDS's attested
# document chains to a trusted root; a missing or expired intermediate is one documented cause of
# the "Activate Windows" watermark, and one in LocalMachine\Root instead of LocalMachine\CA is "in
# the incorrect store" (Microsoft's IMDSCertCheck.ps1). Reads LocalMachine\CA (intermediates) and
# LocalMachine\Root through the certificate provider, only certificates whose subject names
# "Microsoft Azure"; never a private key. Windows PowerShell 5.1. Prints one JSON document; a
# failure is printed as {"error": {...}} instead of being thrown.
param(
    [string]$ArgsBase64 = ''
)

# The shared prologue: preferences for every stream, UTF-8 output, the error envelope.
. ([System.IO.Path]::Combine($PSScriptRoot, '_prologue.ps1'))

try {
    $certificates = @()
    foreach ($store in @('CA', 'Root')) {
        $found = @(Get-ChildItem -LiteralPath ('Cert:\LocalMachine\' + $store))
        foreach ($certificate in $found) {
            $subject = [string]$certificate.Subject
            if ($subject -notlike '*CN=Microsoft Azure*') {
                continue
            }
            $certificates += [ordered]@{
                store      = $store
                subject    = $subject
                issuer     = [string]$certificate.Issuer
                thumbprint = [string]$certificate.Thumbprint
                notBefore  = ConvertTo-IsoTime -Value $certificate.NotBefore
                notAfter   = ConvertTo-IsoTime -Value $certificate.NotAfter
            }
        }
    }
    $result = [ordered]@{
        certificates = @($certificates | Select-Object -First 64)
    }
}
catch {
    $result = New-ErrorResult -Record $_
}

ConvertTo-Json -InputObject $result -Depth 6
