@echo off
rem gcatrust portable: show which Firefox installations and profiles trust the certificates.
rem Double-click this file. No administrator rights needed. It runs gcatrust.exe from this folder, and waits so that the result can be read.
rem Saved as UTF-8 without BOM, CRLF: `chcp 65001` comes first so cmd reads the Chinese lines right.
chcp 65001 >nul
setlocal
set "GCATRUST_SELF=%~f0"
set "GCATRUST_EXE=%~dp0gcatrust.exe"
if not exist "%GCATRUST_EXE%" (
  echo 找不到 gcatrust.exe，請把整個資料夾一起複製。
  echo gcatrust.exe is missing: copy the whole folder.
  pause
  exit /b 1
)
"%GCATRUST_EXE%" status
set "GCATRUST_EXIT=%errorlevel%"
echo.
echo 結束代碼：%GCATRUST_EXIT%
echo Exit code: %GCATRUST_EXIT%
pause
exit /b %GCATRUST_EXIT%
