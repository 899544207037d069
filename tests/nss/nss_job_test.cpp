// The NSS job/results JSON: round trips, and malformed input as a Status (never an exception).
#include "installer/nss/nss_job.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gcatrust {
namespace {

TEST(NssJobJson, RoundTripsEveryField) {
  NssJob job;
  job.op = NssOperation::kUninstall;
  job.nss_dir = "/usr/lib/firefox-esr";
  job.databases = {"sql:/home/王小明/.mozilla/firefox/x.default", "dbm:/tmp/old"};
  job.certs.push_back({"grca2", "GRCA2 (gcatrust grca2)", std::string("\x30\x82\x00\xff", 4)});

  Result<NssJob> back = NssJobFromJson(NssJobToJson(job));
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back.value().op, NssOperation::kUninstall);
  EXPECT_EQ(back.value().nss_dir, job.nss_dir);
  EXPECT_EQ(back.value().databases, job.databases);
  ASSERT_EQ(back.value().certs.size(), 1u);
  EXPECT_EQ(back.value().certs[0].id, "grca2");
  EXPECT_EQ(back.value().certs[0].nickname, "GRCA2 (gcatrust grca2)");
  EXPECT_EQ(back.value().certs[0].der, job.certs[0].der);
}

TEST(NssJobJson, PathsThatAreNotUtf8RoundTrip) {
  // A Linux folder name may be any bytes: here Latin-1 "café" and a lone 0xff.
  NssJob job;
  job.nss_dir = "/opt/caf\xe9";
  job.databases = {"sql:/home/u/.mozilla/firefox/p\xff"};
  job.create_dirs = {"/home/u/\xfe.pki/nssdb"};
  Result<NssJob> back = NssJobFromJson(NssJobToJson(job));
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back.value().nss_dir, job.nss_dir);
  EXPECT_EQ(back.value().databases, job.databases);
  EXPECT_EQ(back.value().create_dirs, job.create_dirs);
}

TEST(NssResultsJson, DatabasesThatAreNotUtf8RoundTripAndErrorsKeepTheirText) {
  NssDatabaseResult result;
  result.database = "sql:/p\xff";
  result.outcome = NssOutcome::kFailed;
  result.error = "cannot open /p\xff: SEC_ERROR_BAD_DATABASE";
  Result<std::vector<NssDatabaseResult>> back = NssResultsFromJson(NssResultsToJson({result}));
  ASSERT_TRUE(back.ok()) << back.message();
  ASSERT_EQ(back.value().size(), 1u);
  EXPECT_EQ(back.value()[0].database, result.database);
  // For people: the invalid byte shows as U+FFFD, the rest of the text is kept.
  EXPECT_EQ(back.value()[0].error, "cannot open /p\xef\xbf\xbd: SEC_ERROR_BAD_DATABASE");
}

TEST(NssWorkerErrorJson, IsReadBackAsTheWorkersError) {
  Result<std::vector<NssDatabaseResult>> back =
      NssResultsFromJson(NssWorkerErrorToJson("NSS job is not valid JSON \xff"));
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.message().find("NSS worker: NSS job is not valid JSON"), std::string::npos);
}

TEST(NssJobJson, DerTravelsAsLowercaseHex) {
  NssJob job;
  job.certs.push_back({"a", "A", std::string("\x00\xab\xff", 3)});
  EXPECT_NE(NssJobToJson(job).find("\"00abff\""), std::string::npos) << NssJobToJson(job);
}

TEST(NssJobJson, MalformedJobsAreStatuses) {
  for (const char* text : {
           "",
           "not json",
           "[]",
           R"({"op":"install"})",
           R"({"op":"explode","databases":[],"certs":[]})",
           R"({"op":"install","databases":"sql:/x","certs":[]})",
           R"({"op":"install","databases":["sql:/x"],"certs":[]})",  // not hex
           R"({"op":"install","databases":[],"certs":[{"id":"a","nickname":"A","der":"abc"}]})",
           R"({"op":"install","databases":[],"certs":[{"id":"a","nickname":"A","der":"zz"}]})",
           R"({"op":"install","databases":[],"certs":[{"id":"a","der":"00"}]})",
       }) {
    Result<NssJob> job = NssJobFromJson(text);
    EXPECT_FALSE(job.ok()) << text;
  }
}

TEST(NssResultsJson, RoundTripsEveryOutcomeAndState) {
  std::vector<NssDatabaseResult> results;
  const NssOutcome outcomes[] = {NssOutcome::kChanged, NssOutcome::kUnchanged, NssOutcome::kFailed,
                                 NssOutcome::kPrimaryPassword, NssOutcome::kNssUnavailable};
  for (NssOutcome outcome : outcomes) {
    NssDatabaseResult result;
    result.database = "sql:/p" + std::to_string(results.size());
    result.outcome = outcome;
    result.error = "why " + std::to_string(results.size());
    result.certs = {{"a", NssCertState::kMissing},
                    {"b", NssCertState::kPresent},
                    {"c", NssCertState::kTrusted}};
    results.push_back(result);
  }
  Result<std::vector<NssDatabaseResult>> back = NssResultsFromJson(NssResultsToJson(results));
  ASSERT_TRUE(back.ok()) << back.message();
  ASSERT_EQ(back.value().size(), results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(back.value()[i].database, results[i].database);
    EXPECT_EQ(back.value()[i].outcome, results[i].outcome);
    EXPECT_EQ(back.value()[i].error, results[i].error);
    EXPECT_EQ(back.value()[i].certs, results[i].certs);
  }
}

TEST(NssResultsJson, WorkerErrorDocumentBecomesItsMessage) {
  Result<std::vector<NssDatabaseResult>> back = NssResultsFromJson(R"({"error":"bad job"})");
  ASSERT_FALSE(back.ok());
  EXPECT_NE(back.message().find("bad job"), std::string::npos);
  EXPECT_FALSE(NssResultsFromJson("{\"results\":[{\"database\":1}]}").ok());
  EXPECT_FALSE(NssResultsFromJson("garbage").ok());
}

TEST(NssNickname, NamesTheCertificateAndItsId) {
  EXPECT_EQ(NssNickname("GRCA G2 政府憑證總管理中心", "grca2"),
            "GRCA G2 政府憑證總管理中心 (gcatrust grca2)");
}

}  // namespace
}  // namespace gcatrust
