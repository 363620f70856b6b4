; IPDesk 知识产权强区建设工作台 — Windows installer (NSIS 3, Unicode).
;
; Built by scripts/build_windows_installer, which passes the version from pyproject.toml:
;   makensis /DVERSION=0.1.0 /DVERSION4=0.1.0.0 /DBUNDLE=<dist\IPDesk> /DOUTFILE=<setup.exe> ipdesk.nsi
;
; - Installs for all users (Program Files, needs administrator rights) or for the current
;   user only (%LOCALAPPDATA%\Programs, no rights needed): the MultiUser page asks; silent
;   installs take /AllUsers or /CurrentUser (default: all users when allowed).
; - Installer languages: 简体中文 (first) and English.
; - Start menu and desktop shortcuts.
; - The .ipdesk file type: ProgID IPDesk.PlanFile with its icon, opened by
;   "ipdesk.exe" gui "%1" (a double-click opens the file in the window).
; - The uninstaller removes the program folder's own files, the shortcuts, the file type
;   (only where .ipdesk still points to IPDesk) and its own registry keys. It never
;   touches the users' .ipdesk files or their settings in %APPDATA%\IPDesk.

Unicode true
ManifestDPIAware true
; The official NSIS for Windows builds an x86 installer (it installs the 64-bit program
; and writes the 64-bit registry view). /DTARGET_AMD64 builds a 64-bit installer where
; NSIS has the amd64 stubs (Debian's nsis does): the Wine check uses it, since Wine on
; Debian without i386 packages runs 64-bit programs only.
!ifdef TARGET_AMD64
  Target amd64-unicode
!endif

!ifndef VERSION
  !error "VERSION is not defined: build with scripts/build_windows_installer (it reads pyproject.toml)"
!endif
!ifndef VERSION4
  !define VERSION4 "${VERSION}.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\IPDesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\IPDesk-${VERSION}-setup.exe"
!endif
!ifndef ICON
  !define ICON "..\..\resources\icons\ipdesk.ico"
!endif

!define APP "IPDesk"
!define PROGID "IPDesk.PlanFile"
!define SETUPKEY "Software\IPDesk\Setup"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\IPDesk"
!define MENUNAME "IPDesk 知识产权强区建设工作台"

; ---------------------------------------------------------------- install mode
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "IPDesk"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${SETUPKEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${SETUPKEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!include MultiUser.nsh
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!include x64.nsh

Name "IPDesk ${VERSION}"
Caption "$(Caption)"
OutFile "${OUTFILE}"
SetCompressor /SOLID lzma
BrandingText "IPDesk ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "IPDesk 知识产权强区建设工作台"
VIAddVersionKey /LANG=2052 "FileDescription" "IPDesk 安装程序"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "IPDesk"
VIAddVersionKey /LANG=2052 "LegalCopyright" "IPDesk"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT SHCTX
!define MUI_LANGDLL_REGISTRY_KEY "${SETUPKEY}"
!define MUI_LANGDLL_REGISTRY_VALUENAME "Language"
!define MUI_FINISHPAGE_RUN "$INSTDIR\ipdesk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString Caption ${LANG_SIMPCHINESE} "IPDesk 知识产权强区建设工作台 ${VERSION} 安装"
LangString Caption ${LANG_ENGLISH} "IPDesk ${VERSION} Setup"
LangString RunNow ${LANG_SIMPCHINESE} "运行 IPDesk"
LangString RunNow ${LANG_ENGLISH} "Run IPDesk"
LangString FileType ${LANG_SIMPCHINESE} "IPDesk 工作方案文件"
LangString FileType ${LANG_ENGLISH} "IPDesk plan file"
LangString Uninstall ${LANG_SIMPCHINESE} "卸载 IPDesk"
LangString Uninstall ${LANG_ENGLISH} "Uninstall IPDesk"

; The program is 64-bit: its keys go to the 64-bit registry view (an x86 installer
; would otherwise write HKLM\Software\WOW6432Node\...).
!macro RegView64
  !if ${NSIS_PTR_SIZE} > 4
    SetRegView 64
  !else
    ${If} ${RunningX64}
      SetRegView 64
    ${EndIf}
  !endif
!macroend

Function .onInit
  !insertmacro RegView64
  !insertmacro MULTIUSER_INIT
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro RegView64
  !insertmacro MULTIUSER_UNINIT
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; ---------------------------------------------------------------- install
Section "IPDesk" SecMain
  SectionIn RO
  ; A newer version over an older one: the old program's own folder goes first, so no
  ; stale library of the old version stays next to the new ones. Users' files are
  ; never kept in the program folder, and this removes only IPDesk's own _internal.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Shortcuts ($SMPROGRAMS and $DESKTOP are the all-users or the user's own, by mode).
  CreateShortcut "$SMPROGRAMS\${MENUNAME}.lnk" "$INSTDIR\ipdesk.exe" "" "$INSTDIR\ipdesk.exe" 0
  CreateShortcut "$DESKTOP\${MENUNAME}.lnk" "$INSTDIR\ipdesk.exe" "" "$INSTDIR\ipdesk.exe" 0

  ; The .ipdesk file type (SHCTX: HKLM for all users, HKCU for the current user).
  WriteRegStr SHCTX "Software\Classes\.ipdesk" "" "${PROGID}"
  WriteRegStr SHCTX "Software\Classes\.ipdesk" "Content Type" "application/x-ipdesk"
  WriteRegStr SHCTX "Software\Classes\.ipdesk\OpenWithProgids" "${PROGID}" ""
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "" "$(FileType)"
  WriteRegStr SHCTX "Software\Classes\${PROGID}" "FriendlyTypeName" "$(FileType)"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\DefaultIcon" "" '"$INSTDIR\ipdesk.exe",0'
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell" "" "open"
  WriteRegStr SHCTX "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\ipdesk.exe" gui "%1"'
  WriteRegStr SHCTX "Software\Classes\Applications\ipdesk.exe" "FriendlyAppName" "${MENUNAME}"
  WriteRegStr SHCTX "Software\Classes\Applications\ipdesk.exe\SupportedTypes" ".ipdesk" ""
  WriteRegStr SHCTX "Software\Classes\Applications\ipdesk.exe\shell\open\command" "" '"$INSTDIR\ipdesk.exe" gui "%1"'

  ; Programs and Features.
  WriteRegStr SHCTX "${SETUPKEY}" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "${SETUPKEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${SETUPKEY}" "Version" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayName" "${MENUNAME}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTKEY}" "DisplayIcon" '"$INSTDIR\ipdesk.exe",0'
  WriteRegStr SHCTX "${UNINSTKEY}" "Publisher" "IPDesk"
  WriteRegStr SHCTX "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD SHCTX "${UNINSTKEY}" "EstimatedSize" "$0"

  ; Tell Explorer that file associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

; ---------------------------------------------------------------- uninstall
Section "Uninstall"
  ; The program's own files only: never RMDir /r "$INSTDIR" (someone may have chosen a
  ; folder that holds other files).
  Delete "$INSTDIR\ipdesk.exe"
  Delete "$INSTDIR\ipdesk-cli.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${MENUNAME}.lnk"
  Delete "$DESKTOP\${MENUNAME}.lnk"

  ; The file type: the ProgID is IPDesk's own; .ipdesk is left to whoever took it over.
  ReadRegStr $0 SHCTX "Software\Classes\.ipdesk" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue SHCTX "Software\Classes\.ipdesk" ""
    DeleteRegValue SHCTX "Software\Classes\.ipdesk" "Content Type"
  ${EndIf}
  DeleteRegValue SHCTX "Software\Classes\.ipdesk\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty SHCTX "Software\Classes\.ipdesk\OpenWithProgids"
  DeleteRegKey /ifempty SHCTX "Software\Classes\.ipdesk"
  DeleteRegKey SHCTX "Software\Classes\${PROGID}"
  DeleteRegKey SHCTX "Software\Classes\Applications\ipdesk.exe"

  DeleteRegKey SHCTX "${UNINSTKEY}"
  DeleteRegKey SHCTX "${SETUPKEY}"
  DeleteRegKey /ifempty SHCTX "Software\IPDesk"

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
