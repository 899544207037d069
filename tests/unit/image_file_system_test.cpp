// ImageFileSystem resolves an image's links inside the image (chroot semantics), so --root never
// reads or writes this machine's files through an absolute link the image holds.
#include "installer/image_file_system.h"

#include <gtest/gtest.h>

#include "tests/support/fake_file_system.h"

namespace gcatrust {
namespace {

class ImageFileSystemTest : public ::testing::Test {
 protected:
  ImageFileSystemTest() : image_(host_, "/mnt/image") {
    // As Debian ships firefox-esr, but with an absolute link (what dpkg-x of other packages, an
    // admin's hand or /home -> /var/home on ostree systems leave).
    host_.AddDirectory("/mnt/image/usr/share/firefox-esr/distribution");
    host_.AddSymlink("/mnt/image/usr/lib/firefox-esr/distribution",
                     "/usr/share/firefox-esr/distribution");
    host_.AddDirectory("/usr/share/firefox-esr/distribution");  // this machine's own
    host_.AddFile("/usr/share/firefox-esr/distribution/policies.json", "host's");
  }

  FakeFileSystem host_;
  ImageFileSystem image_;
};

TEST_F(ImageFileSystemTest, AbsoluteLinkResolvesInsideTheImage) {
  EXPECT_EQ(image_.ResolveSymlinks("/mnt/image/usr/lib/firefox-esr/distribution/policies.json"),
            "/mnt/image/usr/share/firefox-esr/distribution/policies.json");
  EXPECT_FALSE(image_.Exists("/mnt/image/usr/lib/firefox-esr/distribution/policies.json"));
}

TEST_F(ImageFileSystemTest, WritesThroughAnAbsoluteLinkStayInTheImage) {
  const auto before = host_.Contents("/usr/share/firefox-esr/distribution/policies.json");
  ASSERT_TRUE(
      image_.WriteFileAtomic("/mnt/image/usr/lib/firefox-esr/distribution/policies.json", "{}")
          .ok());
  EXPECT_EQ(host_.Contents("/mnt/image/usr/share/firefox-esr/distribution/policies.json"), "{}");
  EXPECT_EQ(host_.Contents("/usr/share/firefox-esr/distribution/policies.json"), before);
  ASSERT_TRUE(
      image_.MakeDirectories("/mnt/image/usr/lib/firefox-esr/distribution/certificates").ok());
  EXPECT_TRUE(host_.IsDirectory("/mnt/image/usr/share/firefox-esr/distribution/certificates"));
}

TEST_F(ImageFileSystemTest, RelativeLinksAndDotDotStopAtTheImageRoot) {
  host_.AddDirectory("/mnt/image/var/home/alice");
  host_.AddSymlink("/mnt/image/home", "../../../../var/home");  // more ".." than the image has
  EXPECT_EQ(image_.ResolveSymlinks("/mnt/image/home/alice"), "/mnt/image/var/home/alice");
  // Lexically outside the image: not resolved, and never changed.
  EXPECT_FALSE(image_.WriteFileAtomic("/mnt/image/../../etc/passwd", "x").ok());
}

TEST_F(ImageFileSystemTest, LinkChainsAndLoops) {
  host_.AddFile("/mnt/image/etc/real.json", "x");
  host_.AddSymlink("/mnt/image/etc/b", "/etc/real.json");
  host_.AddSymlink("/mnt/image/etc/a", "b");
  EXPECT_EQ(image_.ResolveSymlinks("/mnt/image/etc/a"), "/mnt/image/etc/real.json");
  host_.AddSymlink("/mnt/image/loop1", "/loop2");
  host_.AddSymlink("/mnt/image/loop2", "/loop1");
  EXPECT_FALSE(image_.Resolve("/mnt/image/loop1").ok());
  EXPECT_FALSE(image_.WriteFileAtomic("/mnt/image/loop1/x", "y").ok());
}

TEST_F(ImageFileSystemTest, RemoveActsOnTheLinkItself) {
  host_.AddFile("/mnt/image/etc/keep", "x");
  host_.AddSymlink("/mnt/image/etc/link", "/etc/keep");
  EXPECT_EQ(image_.Resolve("/mnt/image/etc/link", /*follow_last=*/false).value(),
            "/mnt/image/etc/link");
  ASSERT_TRUE(image_.RemoveFile("/mnt/image/etc/link").ok());
  EXPECT_TRUE(host_.HasFile("/mnt/image/etc/keep"));
}

TEST_F(ImageFileSystemTest, ChangesOutsideTheImageAreRefused) {
  EXPECT_FALSE(image_.WriteFileAtomic("/etc/firefox/policies/policies.json", "{}").ok());
  EXPECT_FALSE(image_.RemoveFile("/usr/share/firefox-esr/distribution/policies.json").ok());
  EXPECT_FALSE(image_.MakeDirectories("/etc/firefox").ok());
  EXPECT_EQ(host_.ChangeCount(), 0u);
}

}  // namespace
}  // namespace gcatrust
