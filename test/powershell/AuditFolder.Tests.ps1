# The audit log folder check (main/fixes/windows/audit-folder.ps1) under Set-StrictMode -Version Latest:
# a missing folder is created and protected at once; a link, a foreign owner or a folder others may
# change is refused and nothing is written; the folder path arrives only as data.
#
# Not visible here (PowerShell 7 on Linux vs Windows PowerShell 5.1): Windows ACLs themselves. Get-Acl
# and Set-Acl are mocked with objects of the same shape (GetOwner, GetAccessRules,
# AreAccessRulesProtected, SetSecurityDescriptorSddlForm), so Windows applying the SDDL, resolving
# SIDs and honouring the protected DACL is proven only on Windows (.github/workflows/windows.yml).
# Folders, files and symbolic links (reported by .NET as reparse points, like junctions) are real.

BeforeAll {
    . ([System.IO.Path]::Combine($PSScriptRoot, 'support', 'Common.ps1'))
    $script:Protected = 'O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)'

    function New-StandInAcl([string]$Owner, [bool]$Protected, [object[]]$Rules) {
        $acl = [pscustomobject]@{ Owner = $Owner; AreAccessRulesProtected = $Protected; Rules = $Rules; Sddl = $null }
        $acl | Add-Member -MemberType ScriptMethod -Name GetOwner -Value { param($type) [pscustomobject]@{ Value = $this.Owner } }
        $acl | Add-Member -MemberType ScriptMethod -Name GetAccessRules -Value {
            param($explicit, $inherited, $type)
            foreach ($r in $this.Rules) {
                [pscustomobject]@{ IdentityReference = [pscustomobject]@{ Value = $r.sid }; FileSystemRights = [int64]$r.rights; AccessControlType = 'Allow' }
            }
        }
        $acl | Add-Member -MemberType ScriptMethod -Name SetSecurityDescriptorSddlForm -Value {
            param($sddl)
            $this.Sddl = $sddl
            $this.Owner = 'S-1-5-32-544'
            $this.AreAccessRulesProtected = $true
            $this.Rules = @(@{ sid = 'S-1-5-18'; rights = 2032127 }, @{ sid = 'S-1-5-32-544'; rights = 2032127 })
        }
        return $acl
    }

    # What a new folder under %ProgramData% inherits: Users may create files and folders in it.
    function New-InheritedAcl { New-StandInAcl -Owner 'S-1-5-32-544' -Protected $false -Rules @(@{ sid = 'S-1-5-18'; rights = 2032127 }, @{ sid = 'S-1-5-32-544'; rights = 2032127 }, @{ sid = 'S-1-5-32-545'; rights = 6 }) }

    function Invoke-AuditFolder([string]$Folder) {
        Set-StrictMode -Version Latest
        return Read-SingleJson (& (Get-FixPath 'audit-folder') -ArgsBase64 (ConvertTo-ArgsBase64 @{ folder = $Folder }))
    }
}

Describe 'audit-folder.ps1 (the audit log folder check)' {
    BeforeEach {
        $global:ADT_Acls = @{}
        Mock Get-Acl {
            if (-not $global:ADT_Acls.ContainsKey($LiteralPath)) { $global:ADT_Acls[$LiteralPath] = New-InheritedAcl }
            return $global:ADT_Acls[$LiteralPath]
        }
        Mock Set-Acl { $global:ADT_Acls[$LiteralPath] = $AclObject }
    }

    It 'creates a missing folder and protects it at once (SYSTEM and Administrators only)' {
        $folder = Join-Path -Path $TestDrive -ChildPath 'new ActivationDoctor [x]'
        $result = Invoke-AuditFolder $folder
        $result.ok | Should -BeTrue
        $result.data.created | Should -BeTrue
        Test-Path -LiteralPath $folder | Should -BeTrue
        Should -Invoke Set-Acl -Times 1 -Exactly -ParameterFilter { $LiteralPath -eq $folder -and $AclObject.Sddl -eq $script:Protected }
    }

    It 'refuses a folder that is a link to another place, and changes nothing' {
        $target = Join-Path -Path $TestDrive -ChildPath 'elsewhere'
        $null = New-Item -ItemType Directory -Path $target
        $folder = Join-Path -Path $TestDrive -ChildPath 'linked'
        $null = New-Item -ItemType SymbolicLink -Path $folder -Target $target
        $result = Invoke-AuditFolder $folder
        $result.error.kind | Should -Be 'access-denied'
        $result.error.message | Should -Match 'link'
        Should -Invoke Set-Acl -Times 0 -Exactly
    }

    It 'refuses a folder a standard user created first (their owner SID), and changes nothing' {
        $folder = Join-Path -Path $TestDrive -ChildPath 'planted'
        $null = New-Item -ItemType Directory -Path $folder
        $global:ADT_Acls[$folder] = New-StandInAcl -Owner 'S-1-5-21-1004336348-1177238915-682003330-1001' -Protected $false -Rules @(@{ sid = 'S-1-5-21-1004336348-1177238915-682003330-1001'; rights = 2032127 })
        $result = Invoke-AuditFolder $folder
        $result.error.kind | Should -Be 'access-denied'
        $result.error.message | Should -Match 'S-1-5-21-1004336348-1177238915-682003330-1001'
        Should -Invoke Set-Acl -Times 0 -Exactly
    }

    It 'treats a hostile folder value as data: a relative "$(...)" path is refused, nothing is created or run' {
        Mock Invoke-Expression { }
        $before = @(Get-ChildItem -LiteralPath (Get-Location).Path -Force).Count
        $result = Invoke-AuditFolder '$(New-Item -ItemType File -Path pwned.txt)'
        $result.error.kind | Should -Be 'failed'
        $result.error.message | Should -Match 'absolute path'
        @(Get-ChildItem -LiteralPath (Get-Location).Path -Force).Count | Should -Be $before
        Should -Invoke Invoke-Expression -Times 0 -Exactly
        Should -Invoke Set-Acl -Times 0 -Exactly
    }
}
