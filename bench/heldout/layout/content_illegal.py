# Owns the source text of the two illegal-content banks (user-to-user ICU, search ICS) used by the
# held-out layout documents. SYNTHETIC SAMPLE text written for this set in its own words, following
# the public structure of the Ofcom codes; it is not official text and quotes none.
from __future__ import annotations

from model import Code, parse_bank

ICU_TITLE = "Illegal content Codes of Practice for user-to-user services"

ICU_SRC = """
C A | Governance and accountability
M A1 | Yearly board review of how illegal harm risks are handled | Large services
P This measure applies to providers of large services.
P The provider's most senior governance body should review, at least once a year, how the provider identifies and manages the risk of illegal harm on the service, and should keep a written record of that review.
P The review should cover:
I the outcome of the most recent risk assessment;
I the effectiveness of the measures taken in accordance with ICU C1 and ICU D1; and
I any change to the service that could raise the risk of illegal harm.
P The governance body should agree actions in response to the review and should name a person responsible for each action.
M A2 | Named person accountable for the safety duties | All services
P This measure applies to providers of all user-to-user services.
P The provider should name one individual who is accountable to its most senior governance body for meeting the illegal content safety duties.
F Where the provider is a sole trader, the sole trader is that individual for the purposes of this measure.
P The name of that individual should be recorded and kept up to date, and the record should be available to Ofcom on request.
M A3* | Written statement of who is responsible for what | Large or multi-risk services
P This measure applies to providers of services that are large or multi-risk.
P[A1] The provider should keep a written statement of the responsibilities of each senior manager who makes decisions about the management of the risk of illegal harm.
P The statement should say, for each such manager:
I the decisions the manager may take;
I the matters for which the manager is answerable to the governance body; and
I the date on which the statement was last revised.
P[A1] [Deleted]
M A4 | Code of conduct for staff | Large or multi-risk services
P This measure applies to providers of services that are large or multi-risk.
P The provider should have a code of conduct that sets out the standards of behaviour it expects of its staff in relation to protecting users from illegal harm.
P The code of conduct should be given to every new member of staff and should be reviewed whenever the provider's risk assessment changes materially.
F A material change includes a new kind of illegal harm being assessed as medium or high risk.
M A5 | Training for staff who work on the service's design | Large or multi-risk services
P This measure applies to providers of services that are large or multi-risk.
P The provider should make sure that staff whose work affects the design or operation of the service receive training on the risks of illegal harm that the service presents.
P The training should explain:
I the kinds of illegal harm identified in the provider's risk assessment;
I how the design of a feature can increase or reduce those risks; and
I where staff can seek advice within the provider.
C C | Content moderation
M C1 | Reviewing suspected illegal content | All services
P This measure applies to providers of all user-to-user services.
P The provider should have a content moderation function that allows it to review and assess content it has reason to suspect may be illegal content.
F Reason to suspect may arise from a user report, from a complaint or from the provider's own systems.
P When the provider reviews content, it should decide whether the content is illegal content, or whether it breaches the provider's terms of service where those terms prohibit illegal content.
M C2 | Taking illegal content down without delay | All services
P This measure applies to providers of all user-to-user services.
P Where the provider is satisfied that content is illegal content, the provider should take the content down swiftly, unless it is currently not technically feasible to do so.
F Technical feasibility is judged against the provider's systems as they stand, not against systems it could build.
P The provider should record each decision to take content down, including:
I the date of the decision;
I the reason for it, with reference to ICU C1; and
I whether the decision was reviewed, and if so:
II by whom it was reviewed; and
II with what result.
M C3* | Setting internal moderation policies | Large or multi-risk services
P This measure applies to providers of services that are large or multi-risk.
P[A2] The provider should set and record internal content policies that say how its moderators should act on each kind of illegal content the service is at risk of.
P In setting those policies, the provider should have regard to its latest risk assessment and to the evidence gathered in accordance with ICU A3.
F The evidence includes complaints, appeals and the results of any testing carried out on the service.
M C4 | Performance targets for moderators | Large or multi-risk services
P This measure applies to providers of services that are large or multi-risk.
P The provider should set performance targets for its content moderation function, including targets for the time taken to review content and for the accuracy of decisions.
P In setting the targets, the provider should balance the need to act quickly against the need to make accurate decisions, and should record how it struck that balance.
P The provider should measure its performance against the targets at least every three months.
M C5 | Detecting known child sexual abuse images | Large services at medium or high risk of image-based CSAM; services at high risk of image-based CSAM with more than 700,000 monthly UK users
P This measure applies to providers of large services at medium or high risk of image-based child sexual abuse material, and to providers of services at high risk of it that have more than 700,000 monthly active United Kingdom users.
P The provider should use perceptual hash matching to detect images that match known child sexual abuse material, and should take down content so detected, in accordance with ICU C2.
F The hash list should come from a person with expertise in identifying such material and should be kept up to date.
P This measure applies only to content communicated publicly on the service.
P The provider should review a sample of detected matches by human moderators to check that the matching technology is working as intended.
C D | Reporting and complaints
M D1 | Systems for users to report and complain | All services
P This measure applies to providers of all user-to-user services.
P The provider should have systems and processes that allow users and affected persons to report content they consider illegal and to make complaints.
P Those systems should be easy to find and easy to use, including by children.
M D2 | Acknowledging complaints | All services
P This measure applies to providers of all user-to-user services.
P The provider should acknowledge each complaint it receives and should tell the complainant:
I the expected time it will take to deal with the complaint;
I whether the complainant will be told of the outcome; and
I how the complainant may appeal, where an appeal is available.
P Where the provider is unable to give an expected time, it should explain why in the acknowledgement, with reference to paragraph D1.2.
M D3* | Appeals against take-down decisions | Large services or services at medium or high risk of any kind of illegal harm
P This measure applies to providers of services that are large or at medium or high risk of any kind of illegal harm.
P[A3] The provider should determine each appeal promptly and should reverse a decision to take content down where the appeal shows that the content was not illegal content.
F Promptness is to be judged against the performance targets set in accordance with ICU C3.
P Where a decision is reversed, the provider should restore the content and should, where appropriate, restore any account that was suspended because of it.
C G | Terms of service
M G1 | Clear and accessible terms | All services
P This measure applies to providers of all user-to-user services.
P The provider should include in its terms of service provisions that explain how users are protected from illegal content, and those provisions should be clear and accessible.
P Clear and accessible provisions are:
I easy to find, including from the service's sign-up pages;
I written so that the youngest person permitted to use the service can understand them; and
I set out in a way that can be read with assistive technology.
C J | User controls
M J1 | Blocking and muting other users | Large services
P This measure applies to providers of large services that are at medium or high risk of harassment or of threats.
P The provider should offer every registered user the option to block or mute another user's account.
F Muting hides an account's content from the user without telling the muted account.
P Where a user blocks another account, the blocked account should not be able to send the user direct messages, or see or reply to the user's content, unless the content is communicated publicly and the provider has no means of preventing it.
"""

ICU_GROUPS: dict[str, tuple[str, list[str]]] = {}


def icu() -> Code:
    return parse_bank("ICU", ICU_TITLE, ICU_SRC, ICU_GROUPS)


ICS_TITLE = "Illegal content Codes of Practice for search services"

ICS_SRC = """
C A | Governance and accountability
M A1 | Yearly review of search risk management | Large general search services
P This measure applies to providers of large general search services.
P The provider's most senior governance body should review, at least once a year, the provider's management of the risk that users encounter illegal content in search results.
P The body should record the review, the actions it agreed and the person responsible for each.
M A2 | Accountable individual | All services
P This measure applies to providers of all search services.
P The provider should name an individual who is accountable to its most senior governance body for compliance with the search safety duties about illegal content.
F A provider that is itself an individual is the accountable person.
M A3 | Training for search moderators | Large general search services or multi-risk services
P This measure applies to providers of large general search services and of multi-risk search services.
P The provider should give training and materials to the people who work in its search moderation function, so that they can carry out their work accurately.
P The materials should be reviewed at least once a year and whenever a new kind of illegal content is identified in the provider's risk assessment.
C C | Search moderation
M C1 | Reviewing search content | All services
P This measure applies to providers of all search services.
P The provider should have a search moderation function designed to review and assess search content that it has reason to suspect may be illegal search content.
P The function should allow the provider to act on such content by:
I removing it from search results;
I giving it a lower ranking in search results; or
I showing a warning before the user follows it, where ICS C2 does not apply.
M C2 | Deindexing or downranking illegal content | All services
P This measure applies to providers of all search services.
P Where the provider is satisfied that search content is illegal search content, the provider should take appropriate moderation action, having regard to:
I the prevalence of the content in search results;
I the severity of the potential harm to users, in particular:
II harm to children; and
II harm to users who are at risk of financial loss; and
I the interests of users in receiving lawful information.
F The interests of users include freedom of expression and access to information.
M C3 | Performance targets for search moderation | Large general search services or multi-risk services
P This measure applies to providers of large general search services and of multi-risk search services.
P The provider should set performance targets for its search moderation function, covering at least the time taken to act on illegal search content and the accuracy of its decisions.
P The provider should measure its performance against those targets and should use the results to improve the function, in accordance with ICS A1.
M C4 | Hash matching of known child sexual abuse material URLs | Large general search services
P This measure applies to providers of large general search services.
P The provider should use a list of URLs known to host child sexual abuse material, drawn from a source with appropriate expertise, to prevent those URLs from appearing in search results.
F The list should be refreshed at least daily from its source.
P The provider should keep the list secure and should not disclose its contents, except to the extent needed for the purposes of this measure.
C D | Reporting and complaints
M D1 | Reporting illegal search content | All services
P This measure applies to providers of all search services.
P The provider should have a reporting function that lets users and affected persons report search content they consider to be illegal search content.
P The function should be clearly signposted from search results pages.
M D2 | Handling complaints about search content | All services
P This measure applies to providers of all search services.
P The provider should handle complaints about search content in accordance with ICS C1 and should tell the complainant the outcome where it is able to do so.
F Some complainants cannot be contacted, for example where no contact details were given.
M D3 | Predictive search reporting | Large general search services
P This measure applies to providers of large general search services that offer predictive search.
P The provider should let users report a predictive search suggestion that they consider directs users towards illegal content.
P Where a suggestion has been reported, the provider should review it and should stop it from being offered where the review confirms the concern.
C E | Publicly available statements
M E1 | Explaining how search content is moderated | All services
P This measure applies to providers of all search services.
P The provider should include in a publicly available statement an explanation of how it protects users from illegal search content, including the moderation actions it may take.
P The statement should be written in plain language and should be easy to find from the search service's home page.
F A statement is easy to find where it is no more than one link away from the home page.
M E2 | Explaining the use of proactive technology | Large general search services
P This measure applies to providers of large general search services.
P Where the provider uses proactive technology to detect illegal search content, its publicly available statement should say:
I the kind of technology used;
I the kinds of content it is used to detect; and
I how the provider checks that the technology works as intended.
P The statement should be kept up to date, and should be reviewed whenever the technology is changed.
"""

ICS_GROUPS: dict[str, tuple[str, list[str]]] = {}


def ics() -> Code:
    return parse_bank("ICS", ICS_TITLE, ICS_SRC, ICS_GROUPS)
