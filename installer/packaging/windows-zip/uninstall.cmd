@echo off
rem gcatrust portable: remove exactly what install.cmd added.
rem Double-click this file. It asks for administrator rights (UAC) when it does not have them,
rem runs gcatrust.exe from this folder, and waits so that the result can be read.
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
rem fltmc works only for administrators (https://learn.microsoft.com/windows-server/administration/windows-commands/fltmc);
rem 9009 = no fltmc on this system: go on, and gcatrust.exe reports exit code 4 if rights are missing.
fltmc >nul 2>&1
if %errorlevel% equ 0 goto run
if %errorlevel% equ 9009 goto run
if "%~1"=="elevated" goto run
echo 需要系統管理員權限：請在接著出現的視窗按「是」。
echo Administrator rights are needed: answer "Yes" in the window that comes up.
rem The path goes through an environment variable, so spaces, Chinese characters and quotes in it
rem need no escaping; the elevated window starts in System32, hence the absolute paths above.
powershell -NoProfile -ExecutionPolicy Bypass -Command "Start-Process -FilePath $env:GCATRUST_SELF -ArgumentList elevated -Verb RunAs"
if errorlevel 1 (
  echo 未取得系統管理員權限，沒有任何變更。
  echo Administrator rights were not given; nothing was changed.
  pause
  exit /b 4
)
exit /b 0
:run
"%GCATRUST_EXE%" uninstall
set "GCATRUST_EXIT=%errorlevel%"
echo.
echo 完成。請關閉並重新開啟 Firefox。結束代碼（0 = 成功）：%GCATRUST_EXIT%
echo Finished. Close and reopen Firefox. Exit code (0 = success): %GCATRUST_EXIT%
pause
exit /b %GCATRUST_EXIT%
