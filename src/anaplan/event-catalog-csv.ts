/**
 * The Anaplan audit event catalogue as shipped data: `data/anaplan-event-codes.csv` verbatim
 * (columns `code,name,category,privileged`, 231 rows). Generated; the test beside
 * `event-catalog.ts` checks it still equals the CSV. Read it through `ANAPLAN_EVENT_CATALOG`.
 */
export const ANAPLAN_EVENT_CODES_CSV = `code,name,category,privileged
USR-1,User created,user_activity,true
USR-2,User activated,user_activity,true
USR-3,User enabled,user_activity,true
USR-4,User disabled,user_activity,true
USR-5,User updated,user_activity,false
USR-8,User login success,user_activity,false
USR-9,User login failure,user_activity,false
USR-10,User logout success,user_activity,false
USR-11,User logout failure,user_activity,false
USR-12,User session time-out,user_activity,false
USR-13,"User access to model, success",user_activity,false
USR-14,User access-to-model failure,user_activity,false
USR-15,User assigned to tenant success,user_activity,true
USR-16,User assigned to tenant failure,user_activity,false
USR-17,User removed from tenant success,user_activity,true
USR-18,User removed from tenant failure,user_activity,false
USR-19,User accessed dashboard,user_activity,false
USR-20,User executed action,user_activity,false
USR-21,User added to workspace,user_activity,true
USR-22,User removed from workspace,user_activity,true
USR-23,User assigned to a model role (incl. No Access),user_activity,true
USR-24,User unassigned from a model role (incl. No Access),user_activity,true
USR-25,User assigned or unassigned the Workspace Administrator role,user_activity,true
USR-26,User email updated,user_activity,false
USR-27,User first name updated,user_activity,false
USR-28,User last name updated,user_activity,false
USR-29,User deleted,user_activity,true
USR-30,Visitor added to workspace,user_activity,true
USR-31,Visitor removed from workspace,user_activity,true
USR-32,Miscellaneous Data Export,user_activity,false
USR-33,Assign,user_activity,false
USR-34,Copy branch,user_activity,false
USR-35,Create,user_activity,false
USR-36,Data export from action,user_activity,false
USR-38,Delete from list using Selection action executed,user_activity,false
USR-39,Model imported via Manage Models,user_activity,false
USR-40,Optimizer action executed,user_activity,false
USR-41,Process action executed,user_activity,false
USR-42,Line items updated from an import,user_activity,false
USR-43,UX board page opened,user_activity,false
USR-44,UX worksheet page opened,user_activity,false
USR-45,UX report page opened,user_activity,false
USR-46,UX board My Page opened,user_activity,false
USR-47,UX worksheet My Page opened,user_activity,false
USR-48,UX app opened,user_activity,false
USR-49,UX page model changed,user_activity,false
USR-50,Users updated from an import,user_activity,true
USR-51,List items updated from an import,user_activity,false
USR-52,Module data updated from an import,user_activity,false
USR-53,Versions updated from an import,user_activity,false
USR-54,Model updated from an import,user_activity,false
USR-55,User password change,user_activity,false
USR-56,User password change failure,user_activity,false
USR-57,User granted exception access (SSO bypass),user_activity,true
USR-58,Exception access revoked,user_activity,true
USR-59,UX board page published,user_activity,false
USR-60,UX worksheet page published,user_activity,false
USR-61,UX report page published,user_activity,false
USR-62,UX board My Page published,user_activity,false
USR-63,UX worksheet My Page published,user_activity,false
USR-65,User submitted question,user_activity,false
USR-71,IP list import succeeded,user_activity,true
USR-72,IP list import failed,user_activity,false
USR-73,IP list export succeeded,user_activity,false
USR-74,IP list export failed,user_activity,false
USR-75,(undocumented user activity event),user_activity,false
USR-81,(undocumented user activity event),user_activity,false
USR-82,(undocumented user activity event),user_activity,false
USR-83,(undocumented user activity event),user_activity,false
AUTHZ-0,Authorization failure,access_control,false
AUTHZ-1,Access granted,access_control,false
AUTHZ-2,Access denied,access_control,false
AUTHZ-3,Role assigned,access_control,true
AUTHZ-4,Role assignment denied,access_control,false
AUTHZ-6,Role unassigned,access_control,true
AUTHZ-7,Role unassignment denied,access_control,false
AUTHZ-11,(undocumented access control event),access_control,false
AUTHZ-17,(undocumented access control event),access_control,false
CONN-1,SSO connection configuration created,conn_mgmt,true
CONN-2,SSO connection configuration updated,conn_mgmt,true
CONN-3,SSO connection configuration deleted,conn_mgmt,true
CONN-4,Workspace associated with SSO connection,conn_mgmt,true
CONN-5,Workspace association with SSO connection deleted,conn_mgmt,true
CONN-6,SSO connection migrated,conn_mgmt,true
CONN-7,SSO connection migration rolled back,conn_mgmt,true
INT-01,CloudWorks connection created,int,false
INT-02,CloudWorks connection deleted,int,false
INT-03,CloudWorks connection updated,int,false
INT-04,CloudWorks data integration updated,int,false
INT-05,CloudWorks data integration created,int,false
INT-06,CloudWorks data integration executed,int,false
INT-07,CloudWorks data integration deleted,int,false
INT-50,ADO pipeline created,int,false
INT-51,ADO pipeline deleted,int,false
INT-52,ADO pipeline updated,int,false
INT-53,ADO connection created,int,false
INT-54,ADO connection updated,int,false
INT-55,ADO connection deleted,int,false
INT-56,ADO dataspace created,int,false
INT-57,ADO dataspace updated,int,false
INT-58,ADO dataspace deleted,int,false
INT-61,ADO pipeline started,int,false
INT-62,ADO pipeline canceled,int,false
INT-63,ADO schedule created,int,false
INT-64,ADO schedule updated,int,false
INT-65,ADO schedule deleted,int,false
INT-66,ADO connection validation attempted,int,false
COMMENT-01,Comment added,comment,false
COMMENT-02,Comment deleted,comment,false
COMMENT-03,Comments exported,comment,false
DSM-071,Key pair created,byok,false
DSM-072,Key pair deleted,byok,false
DSM-229,Guardpoint added with a policy,byok,false
DSM-231,Group guardpoint added,byok,false
DSM-235,Guardpoint updated,byok,false
DSM-238,Group guardpoint deleted,byok,false
DSM-239,Symmetric key created,byok,false
DSM-240,Symmetric key deleted,byok,false
DSM-267,User logged in (encryption domain),byok,false
DSM-281,Online policy deleted,byok,false
DSM-405,Roles assigned to a user in the encryption domain,byok,true
DSM-406,User removed from the encryption domain,byok,true
DSM-425,User enabled in the encryption domain,byok,true
DSM-426,Domain switched,byok,false
DSM-501,Guardpoint marked pending delete,byok,false
DSM-502,Pending guardpoint deleted,byok,false
DSM-576,Key updated,byok,false
DSM-674,Key attribute created,byok,false
DSM-046,Host deleted,byok,false
DSM-048,Host updated,byok,false
DSM-521,Host group added,byok,false
DSM-531,Host group deleted,byok,false
DSM-DAO0071I,Key pair created (DAO form),byok,false
DSM-DAO0072I,Key pair deleted (DAO form),byok,false
DSM-DAO0229I,Guardpoint added with a policy (DAO form),byok,false
DSM-DAO0231I,Group guardpoint added (DAO form),byok,false
DSM-DAO0235I,Guardpoint updated (DAO form),byok,false
DSM-DAO0238I,Group guardpoint deleted (DAO form),byok,false
DSM-DAO0239I,Symmetric key created (DAO form),byok,false
DSM-DAO0240I,Symmetric key deleted (DAO form),byok,false
DSM-DAO0267I,User logged in (encryption domain) (DAO form),byok,false
DSM-DAO0281I,Online policy deleted (DAO form),byok,false
DSM-DAO0405I,Roles assigned to a user in the encryption domain (DAO form),byok,true
DSM-DAO0406I,User removed from the encryption domain (DAO form),byok,true
DSM-DAO0425I,User enabled in the encryption domain (DAO form),byok,true
DSM-DAO0426I,Domain switched (DAO form),byok,false
DSM-DAO0501I,Guardpoint marked pending delete (DAO form),byok,false
DSM-DAO0502I,Pending guardpoint deleted (DAO form),byok,false
DSM-DAO576I,Key updated (DAO form),byok,false
DSM-DAO0674I,Key attribute created (DAO form),byok,false
DSM-DAO0046I,Host deleted (DAO form),byok,false
DSM-DAO0048I,Host updated (DAO form),byok,false
DSM-DAO0521I,Host group added (DAO form),byok,false
DSM-DAO0531I,Host group deleted (DAO form),byok,false
PIQ-01,Data Collection created,plan_iq,false
PIQ-02,Data Collection renamed,plan_iq,false
PIQ-03,Data Collection deleted,plan_iq,false
PIQ-04,Data Collection assembly rerun,plan_iq,false
PIQ-05,Forecast model created,plan_iq,false
PIQ-06,Forecast model renamed,plan_iq,false
PIQ-07,Forecast model deleted,plan_iq,false
PIQ-08,Forecast action created,plan_iq,false
PIQ-09,Forecast action edited,plan_iq,false
PIQ-10,Forecast action renamed,plan_iq,false
PIQ-11,Forecast action deleted,plan_iq,false
PIQ-12,Forecast action schedule added or changed,plan_iq,false
PIQ-13,Forecast action schedule paused,plan_iq,false
PIQ-14,Forecast action executed,plan_iq,false
PIQ-15,"Backtest imported, forecast model",plan_iq,false
FRCST-01,Data Collection created - success,forecaster,false
FRCST-02,Data Collection created - failure,forecaster,false
FRCST-03,Data Collection renamed - success,forecaster,false
FRCST-04,Data Collection renamed - failure,forecaster,false
FRCST-05,Data Collection deleted - success,forecaster,false
FRCST-06,Data Collection deleted - failure,forecaster,false
FRCST-07,Data Collection rerun - success,forecaster,false
FRCST-08,Data Collection rerun - failure,forecaster,false
FRCST-09,Insights sent - success,forecaster,false
FRCST-10,Insights sent - failure,forecaster,false
FRCST-11,Data Collection bulk deleted - success,forecaster,false
FRCST-12,Data Collection bulk deleted - failure,forecaster,false
FRCST-13,Data Collection bulk deleted - partial success,forecaster,false
FRCST-30,Forecast Model created - success,forecaster,false
FRCST-31,Forecast Model created - failure,forecaster,false
FRCST-32,Forecast Model renamed - success,forecaster,false
FRCST-33,Forecast Model renamed - failure,forecaster,false
FRCST-34,Forecast Model deleted - success,forecaster,false
FRCST-35,Forecast Model deleted - failure,forecaster,false
FRCST-36,Forecast Model bulk deleted - success,forecaster,false
FRCST-37,Forecast Model bulk deleted - failure,forecaster,false
FRCST-38,Forecast Model bulk deleted - partial success,forecaster,false
FRCST-60,Forecast Action created - success,forecaster,false
FRCST-61,Forecast Action created - failure,forecaster,false
FRCST-62,Forecast Action deleted - success,forecaster,false
FRCST-63,Forecast Action deleted - failure,forecaster,false
FRCST-64,Forecast Action run completed - success,forecaster,false
FRCST-65,Forecast Action run completed - failure,forecaster,false
FRCST-66,Forecast Action schedule created - success,forecaster,false
FRCST-67,Forecast Action schedule created - failure,forecaster,false
FRCST-68,Forecast Action schedule edited - success,forecaster,false
FRCST-69,Forecast Action schedule edited - failure,forecaster,false
FRCST-70,Forecast Action schedule activated - success,forecaster,false
FRCST-71,Forecast Action schedule activated - failure,forecaster,false
FRCST-72,Forecast Action schedule deactivated - success,forecaster,false
FRCST-73,Forecast Action schedule deactivated - failure,forecaster,false
FRCST-74,Forecast Action bulk deleted - success,forecaster,false
FRCST-75,Forecast Action bulk deleted - failure,forecaster,false
FRCST-76,Forecast Action bulk deleted - partial success,forecaster,false
WF-100,Task created,workflow,false
WF-101,Task started,workflow,false
WF-102,Task completed,workflow,false
WF-103,Task opened,workflow,false
WF-104,Task cancelled,workflow,false
WF-105,Page task reassigned,workflow,false
WF-106,Task updated,workflow,false
WF-107,Task rejected (formerly 'reopened'),workflow,false
WF-108,Task sent back,workflow,false
WF-109,Task transferred,workflow,false
WF-110,Task reminder sent,workflow,false
WF-111,(undocumented workflow task event),workflow,false
WF-112,(undocumented workflow task event),workflow,false
WF-1000,Workflow template created,workflow,false
WF-1001,Workflow template published,workflow,false
WF-1002,Draft version added to template and published,workflow,false
WF-1003,Template execution started,workflow,false
WF-1004,Template execution cancelled,workflow,false
WF-1005,Template execution resumed,workflow,false
WF-1006,Template execution initiated by end user,workflow,false
OAUTH-0,(undocumented OAuth event),oauth,false
OAUTH-1,(undocumented OAuth event),oauth,false
OAUTH-2,(undocumented OAuth event),oauth,false
`;
