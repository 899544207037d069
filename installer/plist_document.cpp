#include "installer/plist_document.h"

#include <cstdlib>

namespace gcatrust {

namespace {

using Json = nlohmann::ordered_json;

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<Json> Document() {
    SkipMisc();
    if (!Tag("plist")) return Fail("no <plist> element");
    SkipMisc();
    auto root = Value();
    if (!root.ok()) return root;
    SkipMisc();
    if (!EndTag("plist")) return Fail("no </plist>");
    SkipMisc();
    if (pos_ != s_.size()) return Fail("text after </plist>");
    if (!root.value().is_object()) return Fail("the top level is not a <dict>");
    return root;
  }

 private:
  Status Fail(const std::string& why) const {
    return Status::Error("not a property list gcatrust can read (" + why + " near byte " +
                         std::to_string(pos_) + ")");
  }

  bool StartsWith(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }

  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }

  /// Whitespace, <?xml ...?>, <!DOCTYPE ...> and comments.
  void SkipMisc() {
    while (true) {
      SkipSpace();
      std::string_view end;
      if (StartsWith("<?")) {
        end = "?>";
      } else if (StartsWith("<!--")) {
        end = "-->";
      } else if (StartsWith("<!")) {
        end = ">";
      } else {
        return;
      }
      const std::size_t at = s_.find(end, pos_);
      pos_ = at == std::string_view::npos ? s_.size() : at + end.size();
    }
  }

  /// Consumes <name ...> (attributes ignored); sets empty_ for <name/>.
  bool Tag(std::string_view name) {
    if (!StartsWith("<") || s_.substr(pos_ + 1, name.size()) != name) return false;
    const std::size_t after = pos_ + 1 + name.size();
    if (after >= s_.size() || (s_[after] != '>' && s_[after] != '/' && s_[after] != ' ')) {
      return false;
    }
    const std::size_t close = s_.find('>', after);
    if (close == std::string_view::npos) return false;
    empty_ = s_[close - 1] == '/';
    pos_ = close + 1;
    return true;
  }

  bool EndTag(std::string_view name) {
    const std::string tag = "</" + std::string(name) + ">";
    if (!StartsWith(tag)) return false;
    pos_ += tag.size();
    return true;
  }

  /// Character data up to the next '<', with the XML entities decoded.
  Result<std::string> Text() {
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != '<') {
      if (s_[pos_] != '&') {
        out += s_[pos_++];
        continue;
      }
      const std::size_t semi = s_.find(';', pos_);
      if (semi == std::string_view::npos) return Fail("bad entity");
      const std::string_view e = s_.substr(pos_ + 1, semi - pos_ - 1);
      if (e == "amp") {
        out += '&';
      } else if (e == "lt") {
        out += '<';
      } else if (e == "gt") {
        out += '>';
      } else if (e == "quot") {
        out += '"';
      } else if (e == "apos") {
        out += '\'';
      } else if (e.size() > 1 && e[0] == '#') {
        const bool hex = e[1] == 'x';
        const unsigned long cp =
            std::strtoul(std::string(e.substr(hex ? 2 : 1)).c_str(), nullptr, hex ? 16 : 10);
        AppendUtf8(out, cp);
      } else {
        return Fail("unknown entity &" + std::string(e) + ";");
      }
      pos_ = semi + 1;
    }
    return out;
  }

  static void AppendUtf8(std::string& out, unsigned long cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xc0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xe0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (cp & 0x3f));
    }
  }

  Result<std::string> Scalar(std::string_view name) {
    if (empty_) return std::string();
    auto text = Text();
    if (!text.ok()) return text;
    if (!EndTag(name)) return Fail("no </" + std::string(name) + ">");
    return text;
  }

  Result<Json> Value() {
    if (++depth_ > 64) return Fail("nested too deeply");
    auto v = ValueInner();
    --depth_;
    return v;
  }

  Result<Json> ValueInner() {
    if (Tag("dict")) {
      Json dict = Json::object();
      if (empty_) return dict;
      while (true) {
        SkipMisc();
        if (EndTag("dict")) return dict;
        if (!Tag("key")) return Fail("expected <key> in <dict>");
        auto key = Scalar("key");
        if (!key.ok()) return key.status();
        SkipMisc();
        auto value = Value();
        if (!value.ok()) return value;
        dict[key.value()] = std::move(value).value();
      }
    }
    if (Tag("array")) {
      Json array = Json::array();
      if (empty_) return array;
      while (true) {
        SkipMisc();
        if (EndTag("array")) return array;
        auto value = Value();
        if (!value.ok()) return value;
        array.push_back(std::move(value).value());
      }
    }
    if (Tag("true")) return empty_ || EndTag("true") ? Result<Json>(Json(true)) : Fail("<true>");
    if (Tag("false")) {
      return empty_ || EndTag("false") ? Result<Json>(Json(false)) : Fail("<false>");
    }
    if (Tag("string")) {
      auto text = Scalar("string");
      if (!text.ok()) return text.status();
      return Json(text.value());
    }
    if (Tag("integer")) {
      auto text = Scalar("integer");
      if (!text.ok()) return text.status();
      char* end = nullptr;
      const long long n = std::strtoll(text.value().c_str(), &end, 10);
      if (text.value().empty() || *end != '\0') return Fail("bad <integer>");
      return Json(n);
    }
    if (Tag("real")) {
      auto text = Scalar("real");
      if (!text.ok()) return text.status();
      char* end = nullptr;
      const double d = std::strtod(text.value().c_str(), &end);
      if (text.value().empty() || *end != '\0') return Fail("bad <real>");
      return Json(d);
    }
    if (StartsWith("<data") || StartsWith("<date")) return Fail("<data>/<date> values");
    return Fail("unknown element");
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  bool empty_ = false;
  int depth_ = 0;
};

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

void Write(const Json& v, int depth, std::string& out) {
  const std::string indent(static_cast<std::size_t>(depth), '\t');
  if (v.is_object()) {
    if (v.empty()) {
      out += indent + "<dict/>\n";
      return;
    }
    out += indent + "<dict>\n";
    for (const auto& [key, value] : v.items()) {
      out += indent + "\t<key>" + Escape(key) + "</key>\n";
      Write(value, depth + 1, out);
    }
    out += indent + "</dict>\n";
  } else if (v.is_array()) {
    if (v.empty()) {
      out += indent + "<array/>\n";
      return;
    }
    out += indent + "<array>\n";
    for (const Json& item : v) Write(item, depth + 1, out);
    out += indent + "</array>\n";
  } else if (v.is_boolean()) {
    out += indent + (v.get<bool>() ? "<true/>\n" : "<false/>\n");
  } else if (v.is_number_integer()) {
    out += indent + "<integer>" + v.dump() + "</integer>\n";
  } else if (v.is_number_float()) {
    out += indent + "<real>" + v.dump() + "</real>\n";
  } else if (v.is_string()) {
    out += indent + "<string>" + Escape(v.get<std::string>()) + "</string>\n";
  }
}

}  // namespace

Result<Json> ParsePlist(std::string_view text) {
  if (text.substr(0, 6) == "bplist") {
    return Status::Error(
        "a binary property list: gcatrust only edits XML ones - convert it first with "
        "`plutil -convert xml1 <file>` on the Mac, then run again");
  }
  return Parser(text).Document();
}

std::string SerializePlist(const Json& dict) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
      "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
      "<plist version=\"1.0\">\n";
  Write(dict, 0, out);
  out += "</plist>\n";
  return out;
}

}  // namespace gcatrust
