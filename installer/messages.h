// Every sentence gcatrust says, in English and Traditional Chinese. One place, so translations
// stay side by side; tests/unit/messages_check.py checks that each is complete and used.
#ifndef GCATRUST_INSTALLER_MESSAGES_H_
#define GCATRUST_INSTALLER_MESSAGES_H_

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "installer/environment.h"

namespace gcatrust {

enum class Lang { kEnglish, kTraditionalChinese };

struct Text {
  const char* en;
  const char* zh_tw;
};

/// The text in lang with each "{}" replaced by the next argument.
std::string Say(Lang lang, const Text& text, std::initializer_list<std::string> args = {});

/// "en" or "zh-TW" (also accepts zh_TW, zh-Hant, zh); nullopt for anything else.
std::optional<Lang> ParseLang(std::string_view name);

/// From LC_ALL, LC_MESSAGES, LANG (first set wins, as in POSIX): any zh locale gives
/// Traditional Chinese, everything else English.
Lang LangFromLocale(const Environment& env);

namespace msg {
// clang-format off
inline constexpr Text kBundleDamaged{"error: {}", "錯誤：{}"};
inline constexpr Text kNothingFound{
    "No Firefox installation found. Name one with --firefox DIR, or check --root.",
    "找不到 Firefox。請用 --firefox 目錄 指定，或檢查 --root。"};
inline constexpr Text kNothingFoundSelected{
    "Nothing found for --browser {}. Name an installation with --firefox DIR, or check --root.",
    "找不到 --browser {} 所指的瀏覽器。請用 --firefox 目錄 指定，或檢查 --root。"};
inline constexpr Text kNotAFirefox{
    "not a Firefox installation (no application.ini beside a firefox executable): {}",
    "不是 Firefox 安裝目錄（沒有 application.ini 與 firefox 執行檔）：{}"};
inline constexpr Text kInstalled{
    "installed: {} lists {} certificates for {} - restart {}",
    "已安裝：{} 已列入 {} 張憑證（{}）－請重新啟動 {}"};
inline constexpr Text kAlreadyInstalled{
    "already installed: {} ({}) - nothing to do",
    "已安裝過：{}（{}）－不需變更"};
inline constexpr Text kUninstalled{
    "removed: gcatrust's certificates from {} ({}) - restart {}; profiles that already "
    "started keep them until they are removed from the profile",
    "已移除：{} 中 gcatrust 的憑證（{}）－請重新啟動 {}；已啟動過的設定檔仍保有憑證，須自設定檔移除"};
inline constexpr Text kNoLongerInstalled{"{} is no longer installed", "{} 已不在本機"};
inline constexpr Text kNotInstalled{
    "not installed: {} ({}) - nothing to remove",
    "未安裝：{}（{}）－沒有需要移除的項目"};
inline constexpr Text kShadowsDistribution{
    "note: once {} exists, Firefox no longer reads {} - copy the policies you still need from it",
    "注意：{} 建立後，Firefox 不再讀取 {}－請將仍需要的政策複製過去"};
inline constexpr Text kWouldChange{"would change: {} ({}):", "將變更：{}（{}）："};
inline constexpr Text kActionMakeDirectory{"  create directory {}", "  建立目錄 {}"};
inline constexpr Text kActionWriteFile{"  write {}", "  寫入 {}"};
inline constexpr Text kActionRemoveFile{"  remove {}", "  刪除 {}"};
inline constexpr Text kActionRemoveEmptyDirectory{"  remove directory {} if empty",
                                                  "  刪除空目錄 {}"};
inline constexpr Text kFailed{"failed: {}: {}", "失敗：{}：{}"};
inline constexpr Text kNeedsAdmin{
    "needs administrator rights: {} - run again as root (sudo gcatrust ...)",
    "需要系統管理員權限：{}－請以 root 身分重新執行（sudo gcatrust ...）"};
// The same on Windows, where administrator rights come from UAC elevation, not root.
inline constexpr Text kNeedsAdminElevation{
    "needs administrator rights: {} - run again from a prompt opened with \"Run as administrator\", "
    "or use --method nss for your own Firefox profiles",
    "需要系統管理員權限：{}－請在以「以系統管理員身分執行」開啟的命令提示字元中重新執行，"
    "或改用 --method nss 處理自己的 Firefox 設定檔"};
inline constexpr Text kActionCreateKey{"  create registry key {}", "  建立登錄機碼 {}"};
inline constexpr Text kActionSetValue{"  set {} value {} = {}", "  設定 {} 的值 {} = {}"};
inline constexpr Text kActionDeleteValue{"  delete {} value {}", "  刪除 {} 的值 {}"};
inline constexpr Text kActionDeleteKey{"  delete registry key {} (empty)", "  刪除空的登錄機碼 {}"};
inline constexpr Text kStatusInstalled{"installed: {} lists all {} certificates ({})",
                                       "已安裝：{} 已列入全部 {} 張憑證（{}）"};
inline constexpr Text kStatusPartial{"partly installed: {} ({}) - missing {}; run gcatrust install",
                                     "部分安裝：{}（{}）－缺少 {}；請執行 gcatrust install"};
inline constexpr Text kStatusNotInstalled{"not installed: {} ({}) - run gcatrust install",
                                          "未安裝：{}（{}）－請執行 gcatrust install"};
inline constexpr Text kDetected{"{} ({}) reads {}", "{}（{}）讀取 {}"};
inline constexpr Text kExported{"exported: {}", "已匯出：{}"};
inline constexpr Text kListRole{"role", "角色"};
inline constexpr Text kListSubject{"subject", "主體"};
inline constexpr Text kListValidity{"valid", "有效期間"};
inline constexpr Text kProfileImported{
    "imported: {} certificates into profile {} ({}) - restart {}",
    "已匯入：{} 張憑證至設定檔 {}（{}）－請重新啟動 {}"};
inline constexpr Text kProfileAlreadyTrusted{"already trusted: profile {} ({})",
                                             "已信任：設定檔 {}（{}）"};
inline constexpr Text kProfileRemoved{"removed: gcatrust's certificates from profile {} ({}) - restart {}",
                                      "已移除：設定檔 {} 中 gcatrust 的憑證（{}）－請重新啟動 {}"};
inline constexpr Text kProfileNothingToRemove{"not present: profile {} ({}) - nothing to remove",
                                              "不存在：設定檔 {}（{}）－沒有需要移除的項目"};
inline constexpr Text kProfileFailed{"failed: profile {}: {}", "失敗：設定檔 {}：{}"};
inline constexpr Text kProfilePrimaryPassword{
    "skipped: profile {} is protected by a Primary Password - import the certificates in "
    "Firefox's certificate manager, or remove the password and run again",
    "已略過：設定檔 {} 設有主控密碼－請在 Firefox 憑證管理員中匯入，或移除密碼後再執行"};
inline constexpr Text kProfileNoDatabase{
    "no certificate database yet: profile {} (Firefox never started it) - the policy covers it, "
    "or start Firefox once and run again",
    "尚無憑證資料庫：設定檔 {}（Firefox 從未啟動）－政策會涵蓋它，或啟動 Firefox 一次後再執行"};
inline constexpr Text kSharedDbWouldCreate{
    "would create Chromium's certificate database {} ({}) and import the certificates",
    "將建立 Chromium 憑證資料庫 {}（{}）並匯入憑證"};
inline constexpr Text kSharedDbMissing{
    "no Chromium certificate database: {} ({}) - install creates it",
    "沒有 Chromium 憑證資料庫：{}（{}）－install 會建立它"};
inline constexpr Text kDetectedChromium{
    "Chromium/Chrome ({}) reads each user's {}",
    "Chromium/Chrome（{}）讀取每位使用者的 {}"};
inline constexpr Text kProfileNssFallback{
    "  the installation's own NSS could not be used; done with {}",
    "  無法使用安裝目錄內附的 NSS；改用 {} 完成"};
inline constexpr Text kProfileWouldImport{"would import into profile {}: {}",
                                          "將匯入設定檔 {}：{}"};
inline constexpr Text kProfileWouldRemove{"would remove from profile {}: {}",
                                          "將自設定檔 {} 移除：{}"};
inline constexpr Text kProfileStatus{"profile {}: trusted [{}], present but not trusted [{}], missing [{}]",
                                     "設定檔 {}：已信任 [{}]、存在但未信任 [{}]、缺少 [{}]"};
inline constexpr Text kProfileInUse{
    "  {} is running on this profile: restart {} to use the change",
    "  {} 正在使用此設定檔：請重新啟動 {} 以套用變更"};
inline constexpr Text kPoliciesSkippedNotAdmin{
    "skipped: {} needs administrator rights (profiles are still handled)",
    "已略過：{} 需要系統管理員權限（仍會處理設定檔）"};
inline constexpr Text kWaitingForOtherRun{
    "waiting: another gcatrust is changing this computer ({}); it finishes first",
    "等待中：另一個 gcatrust 正在變更這台電腦（{}），待其完成後繼續"};
inline constexpr Text kLockFailed{
    "error: cannot make sure that no other gcatrust runs at the same time: {}",
    "錯誤：無法確認沒有其他 gcatrust 同時執行：{}"};
// clang-format on
}  // namespace msg

}  // namespace gcatrust

#endif  // GCATRUST_INSTALLER_MESSAGES_H_
