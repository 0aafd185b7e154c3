# azure-certificates.ps1: the "Microsoft Azure" issuing-CA certificates of LocalMachine\CA and
# LocalMachine\Root, with their validity as UTC ISO times; everything else in the stores left out;
# one JSON document; the error envelope when the store cannot be read.
#
# Not visible here (PowerShell 7 on Linux vs Windows PowerShell 5.1): the real Cert: provider and
# X509Certificate2 objects (here objects with the same property names and types), the subject
# format Windows writes for real Azure certificates, and 5.1's ConvertTo-Json layout.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))

    function New-Certificate([string]$Subject, [string]$Issuer, [datetime]$NotAfter) {
        [pscustomobject]@{ Subject = $Subject; Issuer = $Issuer; Thumbprint = ('{0:X40}' -f $Subject.Length); NotBefore = $NotAfter.AddYears(-5); NotAfter = $NotAfter }
    }
}

Describe 'azure-certificates.ps1' {
    BeforeEach {
        $global:ADCerts = @{
            CA   = @(
                (New-Certificate 'CN=Microsoft Azure RSA TLS Issuing CA 03, O=Microsoft Corporation, C=US' 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US' ([datetime]::new(2025, 8, 25, 23, 59, 59, [System.DateTimeKind]::Utc))),
                (New-Certificate 'CN=Microsoft Windows Production PCA 2011, O=Microsoft Corporation, L=Redmond, S=Washington, C=US' 'CN=Microsoft Root Certificate Authority 2010' ([datetime]::new(2026, 10, 19, 18, 51, 42, [System.DateTimeKind]::Utc)))
            )
            Root = @(
                (New-Certificate 'CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US' 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US' ([datetime]::new(2025, 8, 25, 23, 59, 59, [System.DateTimeKind]::Utc))),
                (New-Certificate 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US' 'CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US' ([datetime]::new(2038, 1, 15, 12, 0, 0, [System.DateTimeKind]::Utc)))
            )
            paths = (New-Object -TypeName 'System.Collections.Generic.List[string]')
        }
        Mock Get-ChildItem -ParameterFilter { ([string]$LiteralPath) -like 'Cert:*' } {
            $path = [string]$LiteralPath
            $global:ADCerts.paths.Add($path)
            $global:ADCerts[$path.Substring('Cert:\LocalMachine\'.Length)]
        }
    }

    It 'prints the Azure issuing CAs of both stores with their store, as one JSON document under strict mode' {
        Set-StrictMode -Version Latest
        $output = & (Get-ProbePath 'azure-certificates') -ArgsBase64 (ConvertTo-ArgsBase64 @{})
        $json = Read-SingleJson $output
        $list = @($json.certificates)
        $list.Count | Should -Be 2
        $list[0].store | Should -Be 'CA'
        $list[0].subject | Should -Be 'CN=Microsoft Azure RSA TLS Issuing CA 03, O=Microsoft Corporation, C=US'
        $list[0].notAfter | Should -Be '2025-08-25T23:59:59.0000000Z'
        $list[1].store | Should -Be 'Root'
        $list[1].subject | Should -BeLike 'CN=Microsoft Azure RSA TLS Issuing CA 04,*'
        @($list[0].PSObject.Properties.Name) | Should -Be @('store', 'subject', 'issuer', 'thumbprint', 'notBefore', 'notAfter')
        $global:ADCerts.paths | Should -Be @('Cert:\LocalMachine\CA', 'Cert:\LocalMachine\Root')
    }

    It 'prints an empty list when neither store holds an Azure certificate' {
        $global:ADCerts.CA = @()
        $global:ADCerts.Root = @()
        $json = Read-SingleJson (& (Get-ProbePath 'azure-certificates') -ArgsBase64 (ConvertTo-ArgsBase64 @{}))
        @($json.certificates).Count | Should -Be 0
    }

    It 'prints the error envelope when a store cannot be read' {
        Mock Get-ChildItem -ParameterFilter { ([string]$LiteralPath) -like 'Cert:*' } { throw (New-Object -TypeName 'System.UnauthorizedAccessException' -ArgumentList 'Access to the certificate store is denied.') }
        $json = Read-SingleJson (& (Get-ProbePath 'azure-certificates') -ArgsBase64 (ConvertTo-ArgsBase64 @{}))
        $json.error.kind | Should -Be 'access-denied'
    }
}
